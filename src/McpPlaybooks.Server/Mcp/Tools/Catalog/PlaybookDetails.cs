using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>The parts of a definition that <c>get_playbook</c> shows: triggers, inputs, safety and steps, as JSON.</summary>
internal static class PlaybookDetails
{
    public static JsonArray Triggers(PlaybookDefinition playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var triggers = new JsonArray();
        foreach (var trigger in playbook.Triggers)
        {
            var json = new JsonObject();
            AddList(json, "severity", trigger.Severity);
            AddList(json, "type", trigger.Type);
            AddList(json, "source", trigger.Source);
            AddList(json, "service", trigger.Service);
            if (trigger.RootCause is { } rootCause)
            {
                json["root_cause"] = rootCause;
            }

            if (trigger.MinConfidence is { } minimum)
            {
                json["min_confidence"] = minimum;
            }

            triggers.Add((JsonNode)json);
        }

        return triggers;
    }

    /// <summary>Each input: name, type, required, default (hidden for a secret), description and constraints.</summary>
    public static JsonArray Inputs(PlaybookDefinition playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var inputs = new JsonArray();
        foreach (var input in playbook.Inputs)
        {
            var json = new JsonObject
            {
                ["name"] = input.Name,
                ["type"] = EnumNames.ToName(input.Type),
                ["required"] = input.Required,
                ["description"] = input.Description,
            };
            if (input.Default is { } value)
            {
                json["default"] = input.Secret ? "***" : JsonNode.Parse(value.ToJson());
            }

            InputSchemaJson.AddConstraints(json, input.Schema);
            if (input.Secret)
            {
                json["secret"] = true;
            }

            inputs.Add((JsonNode)json);
        }

        return inputs;
    }

    public static JsonObject Safety(SafetyDefinition safety)
    {
        ArgumentNullException.ThrowIfNull(safety);
        return new JsonObject
        {
            ["require_approval"] = safety.RequireApproval,
            ["dry_run_first"] = safety.DryRunFirst,
            ["max_executions_per_hour"] = safety.MaxExecutionsPerHour,
            ["max_concurrent"] = safety.MaxConcurrent,
            ["blast_radius"] = safety.BlastRadius,
            ["separate_approver"] = safety.SeparateApprover,
        };
    }

    /// <summary>Each step: id, action, needs, and whether it has a gate, a rollback, and which timeout bounds an attempt.</summary>
    public static JsonArray Steps(PlaybookDefinition playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        return new JsonArray([.. playbook.Steps.Select(step => (JsonNode)new JsonObject
        {
            ["id"] = step.Id,
            ["action"] = step.Action,
            ["needs"] = new JsonArray([.. step.Needs.Select(n => (JsonNode)JsonValue.Create(n))]),
            ["approval"] = step.Approval is not null,
            ["rollback"] = step.Rollback.Count > 0,
            ["timeout"] = (step.Timeout ?? playbook.Defaults.Timeout) is { } timeout ? Durations.Format(timeout) : null,
        })]);
    }

    private static void AddList(JsonObject json, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            json[name] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
        }
    }
}
