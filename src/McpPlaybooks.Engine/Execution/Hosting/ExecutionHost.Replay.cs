using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>Replays: a new execution of the exact version an earlier one ran, with its inputs (or new ones), linked to it.</summary>
internal sealed partial class ExecutionHost
{
    public async Task<ExecutionStart> ReplayAsync(string executionId, IReadOnlyDictionary<string, Value>? inputs, string startedBy, CancellationToken cancellationToken)
    {
        var original = await History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) ?? throw Unknown(executionId);
        var (definition, content) = await Pinned.GetAsync(original, cancellationToken).ConfigureAwait(false);
        var stored = StoredInputs.Read(original);

        // Secret inputs at the playbook's default were not stored and are put back; only those given explicitly must be given again.
        var secret = inputs is null ? SecretDefaults.Given(definition, stored).Select(i => i.Name).ToList() : [];
        var replayed = inputs ?? SecretDefaults.Restore(definition, stored);
        if (secret.Count > 0)
        {
            throw new ExecutionRefusedException(RefusalKind.InvalidRequest,
                $"execution {executionId} had secret inputs ({string.Join(", ", secret)}), which are never stored; pass them again in the replay's inputs.");
        }

        var binding = InputBinder.Bind(definition, replayed);
        if (!binding.IsValid)
        {
            throw new InvalidInputsException(binding.Problems);
        }

        return await StartAsync(new ExecutionRequest
        {
            Playbook = definition,
            Content = content,
            Inputs = binding.Values,
            Incident = Value.FromJsonText(original.IncidentJson),
            DryRun = original.DryRun,
            StartedBy = startedBy,
            ReplayOf = original.Id,
        }, null, cancellationToken).ConfigureAwait(false);
    }
}
