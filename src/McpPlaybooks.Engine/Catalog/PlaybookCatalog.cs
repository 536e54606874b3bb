using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Catalog;

/// <summary>
/// Every playbook in the configured folders, validated, held as an immutable <see cref="CatalogSnapshot"/> that is
/// swapped when files change (<see cref="StartWatching"/>) or a playbook is saved. <see cref="Changed"/> is raised after
/// a swap that changed something. Saved playbooks are written to <see cref="SaveDirectory"/>, which is also read.
/// </summary>
public sealed class PlaybookCatalog : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly TimeProvider _time;
    private ITimer? _pending;
    private readonly TaskCompletionSource _begin = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CatalogLoader _loader = new();
    private CatalogSnapshot _current = CatalogSnapshot.Empty;

    /// <param name="directories">The folders read, first wins on a duplicate id and version.</param>
    /// <param name="saveDirectory">Where <see cref="WriteAsync"/> stores saved versions (read last); null: saving is off.</param>
    /// <param name="time">The clock of the watcher's debounce.</param>
    public PlaybookCatalog(IReadOnlyList<string> directories, string? saveDirectory, TimeProvider time)
        : this(directories, saveDirectory, time, background: false)
    {
    }

    private PlaybookCatalog(IReadOnlyList<string> directories, string? saveDirectory, TimeProvider time, bool background)
    {
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(time);
        SaveDirectory = saveDirectory is null ? null : Path.GetFullPath(saveDirectory);
        Directories = [.. directories.Select(Path.GetFullPath).Concat(SaveDirectory is null ? [] : [SaveDirectory]).Distinct(StringComparer.Ordinal)];
        _time = time;
        if (background)
        {
            // The first load is no change: nothing was served before it, so Changed is not raised. It validates every
            // playbook synchronously: on a thread of its own, not a pool thread, which on a 2-core machine is one of two
            // (the stdio transport's blocking read holds another, and the answer to `initialize` needs a third).
            Loaded = _begin.Task.ContinueWith(
                _ => Volatile.Write(ref _current, _loader.Load(Directories)),
                CancellationToken.None,
                TaskContinuationOptions.LongRunning,
                TaskScheduler.Default);
        }
        else
        {
            Reload();
        }
    }

    /// <summary>
    /// A catalogue whose first load (validating every playbook, the slow part of a server's start) runs in the background:
    /// <see cref="Current"/> waits for it, and <see cref="Loaded"/> completes (or faults) with it.
    /// </summary>
    public static PlaybookCatalog StartLoading(IReadOnlyList<string> directories, string? saveDirectory, TimeProvider time)
    {
        var catalog = LoadWhenAsked(directories, saveDirectory, time);
        catalog.BeginLoading();
        return catalog;
    }

    /// <summary>
    /// As <see cref="StartLoading"/>, but the first load begins only with <see cref="BeginLoading"/> or the first read of
    /// <see cref="Current"/>: a server starting on a small machine leaves the CPU to what must answer first.
    /// </summary>
    public static PlaybookCatalog LoadWhenAsked(IReadOnlyList<string> directories, string? saveDirectory, TimeProvider time) =>
        new(directories, saveDirectory, time, background: true);

    /// <summary>Begins the first load (in the background) when it has not begun; see <see cref="LoadWhenAsked"/>.</summary>
    public void BeginLoading() => _begin.TrySetResult();

    /// <summary>Completes once the first load has run (faults when the folders could not be read).</summary>
    public Task Loaded { get; } = Task.CompletedTask;

    /// <summary>Raised (on a pool thread) after the catalogue changed.</summary>
    public event EventHandler? Changed;

    /// <summary>The folders read, in order; the save directory last.</summary>
    public IReadOnlyList<string> Directories { get; }

    public string? SaveDirectory { get; }

    /// <summary>The playbooks now; until the first load has run (<see cref="StartLoading"/>), begins it and waits for it.</summary>
    public CatalogSnapshot Current
    {
        get
        {
            if (!Loaded.IsCompleted)
            {
                BeginLoading();
                Loaded.GetAwaiter().GetResult();
            }

            return Volatile.Read(ref _current);
        }
    }

    /// <summary>
    /// How many file texts the catalogue has validated since it was made: each new or changed text once, however often the
    /// folders are read again (<see cref="Reload"/>).
    /// </summary>
    public long FilesValidated => _loader.Validated;

    /// <summary>
    /// Reads the folders again, validating only the files whose text changed; raises <see cref="Changed"/> when anything
    /// differs. A child start calls it, so that it runs the latest saved version even before the watcher has seen the file.
    /// </summary>
    public CatalogSnapshot Reload()
    {
        _ = Current; // after the first load, never beside it
        CatalogSnapshot next;
        bool changed;
        lock (_gate)
        {
            next = _loader.Load(Directories);
            changed = !next.SameAs(_current);
            Volatile.Write(ref _current, next);
        }

        if (changed)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }

        return next;
    }

    /// <summary>Watches the folders that exist (and the save directory, created here), reloading shortly after a change.</summary>
    public void StartWatching()
    {
        if (SaveDirectory is not null)
        {
            Directory.CreateDirectory(SaveDirectory);
        }

        lock (_gate)
        {
            foreach (var directory in Directories.Where(Directory.Exists))
            {
                var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
                watcher.Changed += (_, _) => Schedule();
                watcher.Created += (_, _) => Schedule();
                watcher.Deleted += (_, _) => Schedule();
                watcher.Renamed += (_, _) => Schedule();
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
        }
    }

    /// <summary>Validates <paramref name="content"/> for saving and finds whether its id and version exist.</summary>
    public PreparedSave Prepare(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sha = Execution.PlaybookHash.Of(content);
        var draftPath = Path.Combine(SaveDirectory ?? Path.GetTempPath(), "playbook.yaml");
        var report = new PlaybookValidator().ValidateText(content, draftPath);
        if (report.Playbook is not { } playbook)
        {
            return new PreparedSave(report, content, sha, draftPath, Existing: null);
        }

        var target = Path.Combine(SaveDirectory ?? Path.GetTempPath(), FileName(playbook.Id, playbook.Version));
        return new PreparedSave(report, content, sha, target, Current.Find(playbook.Id, playbook.Version));
    }

    /// <summary>
    /// Writes a prepared, valid, new version to the save directory (atomically: a temporary file, then a rename) and
    /// reloads. Throws <see cref="InvalidOperationException"/> when saving is off or the save is not valid and new.
    /// </summary>
    public async Task<CatalogEntry> WriteAsync(PreparedSave save, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(save);
        if (SaveDirectory is null || !save.IsValid || save.Existing is not null)
        {
            throw new InvalidOperationException("only a valid new version can be written, to a configured save directory");
        }

        Directory.CreateDirectory(SaveDirectory);
        var temporary = save.TargetPath + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        await File.WriteAllTextAsync(temporary, save.Content, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, save.TargetPath, overwrite: false);
        var snapshot = Reload();
        return snapshot.Find(save.Report.Playbook!.Id, save.Report.Playbook.Version)
            ?? throw new InvalidOperationException($"{save.TargetPath} was written but is not in the catalogue (a file earlier in the folders holds the same id and version)");
    }

    /// <summary>The file name of a saved version: the id and version, with anything unsafe in a file name replaced.</summary>
    public static string FileName(string playbookId, string version) =>
        $"{Safe(playbookId)}@{Safe(version)}.yaml";

    public void Dispose()
    {
        lock (_gate)
        {
            _watchers.ForEach(w => w.Dispose());
            _watchers.Clear();
            _pending?.Dispose();
            _pending = null;
        }
    }

    private void Schedule()
    {
        lock (_gate)
        {
            _pending?.Dispose();
            _pending = _time.CreateTimer(_ => Reload(), null, Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private static string Safe(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
