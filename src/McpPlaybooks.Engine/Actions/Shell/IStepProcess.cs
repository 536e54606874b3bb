namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>A step's started process, its three standard streams redirected to the engine.</summary>
internal interface IStepProcess : IDisposable
{
    int Id { get; }

    /// <summary>Its stdin (the engine writes).</summary>
    Stream Input { get; }

    /// <summary>Its stdout (the engine reads).</summary>
    Stream Output { get; }

    /// <summary>Its stderr (the engine reads).</summary>
    Stream Error { get; }

    /// <summary>Its exit status once it has ended (128 + the signal when a signal ended it).</summary>
    int ExitCode { get; }

    Task WaitForExitAsync(CancellationToken cancellationToken);

    /// <summary>Kills it and what it started, as far as can be found (for processes that have no group of their own).</summary>
    void KillTree();
}
