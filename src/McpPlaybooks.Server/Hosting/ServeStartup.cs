namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// What a transport waits for once it serves: the catalogue's first load, begun before it. Playbook folders that cannot be
/// read stop the server with one line on stderr, as they did when the load came first.
/// </summary>
internal sealed class ServeStartup(Task catalogReady, TextWriter error)
{
    /// <summary>True once the catalogue is loaded; false (the line written) when its folders could not be read.</summary>
    public async Task<bool> CatalogReadAsync()
    {
        try
        {
            await catalogReady.ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: cannot read the playbook folders: {e.Message}").ConfigureAwait(false);
            return false;
        }
    }
}
