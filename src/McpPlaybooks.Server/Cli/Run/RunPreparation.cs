using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Validation;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Cli.Control;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>
/// Checks a <c>run</c> before anything runs: finds and validates the playbook, reads and binds the
/// inputs, reads the engine's configuration. Every problem goes to stderr, and then nothing runs.
/// </summary>
internal static class RunPreparation
{
    /// <summary>The run to start, or null when a problem was written to <see cref="CliContext.Error"/> (exit 2).</summary>
    public static PreparedRun? Prepare(RunArguments arguments, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var folders = PlaybookLocator.Folders(context.CurrentDirectory);
        var located = PlaybookLocator.Locate(arguments.PlaybookPathOrId, context.CurrentDirectory, folders, new PlaybookValidator(), out var notFound);
        if (located is null)
        {
            context.Error.WriteLine($"error: {notFound}");
            return null;
        }

        var report = located.Report;
        foreach (var diagnostic in report.Diagnostics.Where(d => d.IsError || !arguments.Json))
        {
            context.Error.WriteLine(diagnostic.Format(located.DisplayPath));
        }

        if (report.HasErrors || report.Playbook is not { } playbook || located.Content is not { } content)
        {
            return null;
        }

        var parsed = InputArguments.Parse(playbook, arguments.Inputs, arguments.InputsJson);
        var problems = parsed.Problems.ToList();
        var binding = InputBinder.Bind(playbook, parsed.Values);

        // Every problem at once (a misspelt name and a wrong type alike), but a value that failed to read is not also 'required'.
        problems.AddRange(binding.Problems.Where(p => !parsed.Explains(p)));

        var history = HistoryTarget.Resolve(arguments.DataDirectory, arguments.Database, context, problems);
        var options = history is null ? null : EngineOptionsFromEnvironment.Read(
            history.DataDirectory,
            context.Environment,
            problems,
            folders,
            // A dry run touches nothing: not even the orphans a real run would take over and drive.
            !arguments.DryRun && CliEngine.ResumesOnOpen(history),
            context.CurrentDirectory,
            history.Location);
        var approvals = ApprovalSettingsReader.Read(context.Environment, problems);
        if (problems.Count > 0 || history is null || options is null)
        {
            foreach (var problem in problems)
            {
                context.Error.WriteLine($"error: {problem}");
            }

            return null;
        }

        var request = new ExecutionRequest
        {
            Playbook = playbook,
            Content = content,
            Source = located.FullPath,
            Inputs = binding.Values,
            DryRun = arguments.DryRun,
            AutoApprove = arguments.AutoApprove,
            AutoApprover = arguments.AutoApprove ? Approvers.Cli(Environment.UserName, approvals, asName: null, out _) : null,
            IdempotencyKey = arguments.IdempotencyKey,
            StartedBy = CliContext.Identity,
        };
        return new PreparedRun(request, history, options);
    }
}
