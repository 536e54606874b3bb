namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// One setting of <c>serve</c>: its configuration key (in <c>appsettings.json</c>), its environment variable (the key in
/// upper snake case after <c>MCPPLAYBOOKS_</c>), and its flag when it has one.
/// </summary>
/// <param name="Key">The configuration key, such as <c>DataDir</c>.</param>
/// <param name="Variable">The environment variable, such as <c>MCPPLAYBOOKS_DATA_DIR</c>.</param>
/// <param name="Flag">The command-line flag, such as <c>--data-dir</c>; null when there is none.</param>
/// <param name="Separator">For a list: how its items are separated in a single string (a variable, or a string in JSON); null for a single value.</param>
internal sealed record ServeSetting(string Key, string Variable, string? Flag = null, char? Separator = null)
{
    public bool IsList => Separator is not null;
}
