using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;
using static McpPlaybooks.Engine.Loading.NodeReader;

namespace McpPlaybooks.Engine.Loading;

/// <summary>
/// Builds a <see cref="PlaybookDefinition"/> from a document. It is lenient: a value of the wrong shape is
/// left out, because the JSON Schema check reports structure. It reports only what it alone can see:
/// syntax errors in expressions and templates.
/// </summary>
internal sealed class PlaybookModelBuilder(ActionCatalog catalog, List<Diagnostic> diagnostics)
{
    private readonly TemplateCompiler _compiler = new(diagnostics);

    public PlaybookDefinition Build(MappingNode root) => new()
    {
        Id = String(root, "id") ?? "",
        Name = String(root, "name") ?? "",
        Version = String(root, "version") ?? "",
        Description = String(root, "description"),
        Owner = String(root, "owner"),
        Tags = Strings(root, "tags"),
        Triggers = [.. Mappings(root, "triggers").Select(BuildTrigger)],
        Inputs = Mapping(root, "inputs") is { } inputs
            ? [.. inputs.Entries.Where(e => e.Value is MappingNode).Select(e => BuildInput(e.Name, (MappingNode)e.Value))]
            : [],
        Variables = BuildNamedTemplates(Mapping(root, "variables")),
        Safety = Mapping(root, "safety") is { } safety ? BuildSafety(safety) : SafetyDefinition.None,
        Defaults = Mapping(root, "defaults") is { } defaults
            ? new DefaultsDefinition { Timeout = Duration(defaults, "timeout"), Retry = Mapping(defaults, "retry") is { } r ? BuildRetry(r) : null }
            : DefaultsDefinition.None,
        Errors = [.. Mappings(root, "errors").Select(BuildErrorPattern).OfType<ErrorPatternDefinition>()],
        Timeout = Duration(root, "timeout"),
        Concurrency = Integer(root, "concurrency") ?? PlaybookDefinition.DefaultConcurrency,
        Steps = [.. Mappings(root, "steps").Select(BuildStep)],
        OnFailure = Enum<FailurePolicy>(root, "on_failure") ?? FailurePolicy.Stop,
        Finally = [.. Mappings(root, "finally").Select(BuildCall)],
        Outputs = BuildNamedTemplates(Mapping(root, "outputs")),
        Node = root,
    };

    private static TriggerDefinition BuildTrigger(MappingNode map) => new()
    {
        Severity = Strings(map, "severity"),
        Type = Strings(map, "type"),
        Source = Strings(map, "source"),
        Service = Strings(map, "service"),
        RootCause = String(map, "root_cause"),
        MinConfidence = Number(map, "min_confidence"),
        Node = map,
    };

    private static InputDefinition BuildInput(string name, MappingNode map)
    {
        var hasDefault = map["default"] is { } node && node is not ScalarNode { Type: ScalarType.Null };
        return new InputDefinition
        {
            Name = name,
            Schema = InputSchemaReader.Read(map),
            Description = String(map, "description"),
            Default = hasDefault ? LiteralValues.From(map["default"]!) : null,
            Required = Boolean(map, "required") ?? !hasDefault,
            Secret = Boolean(map, "secret") ?? false,
            Node = map,
        };
    }

    private static SafetyDefinition BuildSafety(MappingNode map) => new()
    {
        RequireApproval = Boolean(map, "require_approval") ?? false,
        DryRunFirst = Boolean(map, "dry_run_first") ?? false,
        MaxExecutionsPerHour = Integer(map, "max_executions_per_hour"),
        MaxConcurrent = Integer(map, "max_concurrent"),
        BlastRadius = Integer(map, "blast_radius"),
        SeparateApprover = Boolean(map, "separate_approver") ?? false,
    };

    private static RetryDefinition BuildRetry(MappingNode map) => new()
    {
        MaxAttempts = Integer(map, "max_attempts"),
        Backoff = Enum<BackoffKind>(map, "backoff"),
        Delay = Duration(map, "delay"),
        MaxDelay = Duration(map, "max_delay"),
        Jitter = Boolean(map, "jitter"),
        RetryOn = map["retry_on"] is SequenceNode
            ? [.. Strings(map, "retry_on").Select(s => EnumNames.TryParse<ErrorCategory>(s, out var c) ? c : (ErrorCategory?)null).OfType<ErrorCategory>()]
            : null,
    };

    private static ErrorPatternDefinition? BuildErrorPattern(MappingNode map) =>
        String(map, "match") is { } match && Enum<ErrorCategory>(map, "category") is { } category
            ? new ErrorPatternDefinition(match, category) { Message = String(map, "message"), Node = map }
            : null;

    private StepDefinition BuildStep(MappingNode map)
    {
        var action = String(map, "action") ?? "";
        return new StepDefinition
        {
            Id = String(map, "id") ?? "",
            Name = String(map, "name"),
            Description = String(map, "description"),
            Action = action,
            With = BuildWith(map, action),
            Needs = Strings(map, "needs"),
            When = _compiler.CompileBare(map["when"]),
            Foreach = map["foreach"] is { } items ? BuildLoop(items, map) : null,
            Approval = Mapping(map, "approval") is { } approval ? BuildApproval(approval) : null,
            Timeout = Duration(map, "timeout"),
            StepTimeout = Duration(map, "step_timeout"),
            Retry = Mapping(map, "retry") is { } retry ? BuildRetry(retry) : null,
            Breaker = Mapping(map, "breaker") is { } breaker ? new BreakerDefinition { Key = String(breaker, "key"), Enabled = Boolean(breaker, "enabled") ?? true } : null,
            Idempotent = Boolean(map, "idempotent"),
            ContinueOnError = Boolean(map, "continue_on_error") ?? false,
            Rollback = [.. Mappings(map, "rollback").Select(BuildCall)],
            Verify = [.. Mappings(map, "verify").Select(BuildCall)],
            Node = map,
        };
    }

    private ActionCallDefinition BuildCall(MappingNode map)
    {
        var action = String(map, "action") ?? "";
        return new ActionCallDefinition
        {
            Id = String(map, "id"),
            Name = String(map, "name"),
            Action = action,
            With = BuildWith(map, action),
            When = _compiler.CompileBare(map["when"]),
            Timeout = Duration(map, "timeout"),
            ContinueOnError = Boolean(map, "continue_on_error") ?? false,
            Node = map,
        };
    }

    private ObjectTemplate BuildWith(MappingNode map, string action) =>
        Mapping(map, "with") is { } with ? _compiler.CompileObject(with, catalog.Find(action)?.Parameters) : ObjectTemplate.Empty;

    private LoopDefinition BuildLoop(DocumentNode items, MappingNode step) => new()
    {
        Expression = items is ScalarNode ? _compiler.CompileBare(items) : null,
        Items = items is SequenceNode ? _compiler.Compile(items) : null,
        Concurrency = Integer(step, "concurrency") ?? 1,
    };

    private ApprovalDefinition BuildApproval(MappingNode map) => new()
    {
        Message = map["message"] is { } message ? _compiler.Compile(message) : null,
        Approvers = Strings(map, "approvers"),
        MinApprovals = Integer(map, "min_approvals") ?? 1,
        Timeout = Duration(map, "timeout"),
        OnTimeout = Enum<ApprovalTimeoutDecision>(map, "on_timeout") ?? ApprovalTimeoutDecision.Reject,
        SeparateApprover = Boolean(map, "separate_approver"),
        Notify = Mapping(map, "notify") is { } notify && notify["webhook"] is { } webhook
            ? new ApprovalNotifyDefinition
            {
                Webhook = _compiler.Compile(webhook),
                Text = notify["text"] is { } text ? _compiler.Compile(text) : null,
                Format = String(notify, "format") ?? "slack",
                Node = notify,
            }
            : null,
        Node = map,
    };

    private IReadOnlyList<KeyValuePair<string, ValueTemplate>> BuildNamedTemplates(MappingNode? map) =>
        map is null ? [] : [.. map.Entries.Select(e => new KeyValuePair<string, ValueTemplate>(e.Name, _compiler.Compile(e.Value)))];
}
