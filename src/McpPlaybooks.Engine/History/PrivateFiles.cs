namespace McpPlaybooks.Engine.History;

/// <summary>
/// The data directory holds what only its user may read (history with inputs and outputs, logs): directories this
/// process creates are 0700, its files 0600. An existing directory is left as it is (it may be one the user chose and
/// shares on purpose); an existing file of ours open to others is narrowed to 0600. Nothing changes on Windows.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute;

    private const UnixFileMode OpenToOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> and its missing parents 0700; an existing directory is not changed.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last directory only: create each missing one.
        var missing = new Stack<string>();
        for (var directory = Path.GetFullPath(path); directory is not null && !Directory.Exists(directory); directory = Path.GetDirectoryName(directory))
        {
            missing.Push(directory);
        }

        foreach (var directory in missing)
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }
    }

    /// <summary>Options that create a new file 0600 (never one that exists).</summary>
    public static FileStreamOptions CreateNew()
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>
    /// Narrows an existing file to 0600 when group or others have any access; true when it is private now. A file
    /// this user does not own (chmod refused) is left as it is and gives false.
    /// </summary>
    public static bool Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return true;
        }

        try
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & OpenToOthers) != 0)
            {
                File.SetUnixFileMode(path, mode & ~OpenToOthers & ~UnixFileMode.UserExecute);
            }

            return true;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
