using System.Globalization;
using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Server.Mcp.Tools.Catalog;

/// <summary>
/// Scores a playbook's <c>triggers</c> against an incident, for <c>list_playbooks</c>, by how much the trigger holds and
/// how specific the evidence is. Each field weighs by how specific it is (root_cause 3, type 2, service 2, severity 1,
/// source 1, and a stated confidence that meets the trigger's <c>min_confidence</c> 1: <see cref="MaxEvidence"/> 10 in
/// all). A trigger's score is its <em>fit</em> (the weight it matched over the weight it names, where a field the incident
/// does not mention counts half) times its <em>evidence</em> (the weight it matched, confidence included, over 10): a
/// trigger matching severity alone scores 0.1, one matching type, source, root cause, severity and confidence 0.8. A
/// confidence below <c>min_confidence</c> rules the trigger out; a trigger naming nothing matches any incident, weakly
/// (<see cref="CatchAll"/>). The playbook's score is its best trigger's; no match is null. It is trigger fit only:
/// <c>list_playbooks</c> multiplies it by the playbook's past success (<c>Memory/PastSuccess</c>) into the rank.
/// </summary>
internal sealed class TriggerScorer
{
    /// <summary>The score of a trigger that names no field: it answers any incident, with no evidence (half the weakest field's).</summary>
    public const double CatchAll = 0.05;

    /// <summary>The weight of every field and a met confidence together: the evidence of a trigger that matches all of them.</summary>
    public const double MaxEvidence = 10;

    private const double ConfidenceWeight = 1;

    private static readonly Dictionary<string, double> Weights = new(StringComparer.Ordinal)
    {
        ["type"] = 2, ["root_cause"] = 3, ["service"] = 2, ["severity"] = 1, ["source"] = 1,
    };

    /// <summary>The best trigger's match, or null when no trigger matches.</summary>
    public IncidentMatch? Score(PlaybookDefinition playbook, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(incident);
        IncidentMatch? best = null;
        for (var i = 0; i < playbook.Triggers.Count; i++)
        {
            if (ScoreTrigger(playbook.Triggers[i], i + 1, incident) is { } match && match.Score > (best?.Score ?? 0))
            {
                best = match;
            }
        }

        return best;
    }

    private static IncidentMatch? ScoreTrigger(TriggerDefinition trigger, int number, Incident incident)
    {
        if (trigger.MinConfidence is { } minimum && incident.Confidence is { } confidence && confidence < minimum)
        {
            return null;
        }

        double matched = 0, named = 0;
        var fields = new List<string>();
        var reasons = new List<string>();
        foreach (var field in Incident.FieldNames)
        {
            var expected = Expected(trigger, field);
            if (expected.Count == 0)
            {
                continue;
            }

            var weight = Weights[field];
            if (incident.Fields.TryGetValue(field, out var given))
            {
                named += weight;
                if (given.FirstOrDefault(value => expected.Any(e => Matches(field, e, value))) is { } hit)
                {
                    matched += weight;
                    fields.Add(field);
                    reasons.Add($"{field} {hit} matches trigger {number}");
                }
                else
                {
                    reasons.Add($"{field} {string.Join("/", given)} is not {string.Join(" or ", expected)} (trigger {number})");
                }
            }
            else if (incident.Words.FirstOrDefault(word => expected.Any(e => Matches(field, e, word))) is { } word)
            {
                named += weight;
                matched += weight;
                fields.Add(field);
                reasons.Add($"text word {word} matches trigger {number} {field}");
            }
            else
            {
                named += weight / 2;
            }
        }

        var evidence = matched;
        if (trigger.MinConfidence is { } threshold && incident.Confidence is { } stated)
        {
            evidence += ConfidenceWeight;
            fields.Add("confidence");
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"confidence {stated} meets min_confidence {threshold} of trigger {number}"));
        }

        if (named == 0)
        {
            return new IncidentMatch(CatchAll, [$"trigger {number} matches any incident"]) { Matched = fields };
        }

        return matched == 0 ? null : new IncidentMatch(Math.Round(matched / named * (evidence / MaxEvidence), 2), reasons) { Matched = fields };
    }

    private static IReadOnlyList<string> Expected(TriggerDefinition trigger, string field) => field switch
    {
        "type" => trigger.Type,
        "severity" => trigger.Severity,
        "source" => trigger.Source,
        "service" => trigger.Service,
        "root_cause" => trigger.RootCause is { } rootCause ? [rootCause] : [],
        _ => [],
    };

    private static bool Matches(string field, string expected, string value) =>
        field == "root_cause" && expected.AsSpan().IndexOfAny('*', '?') >= 0
            ? Regex.IsMatch(value, "^" + Regex.Escape(expected).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))
            : string.Equals(expected, value, StringComparison.OrdinalIgnoreCase);
}
