using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>What the semantic rules share: the playbook, the actions, and the DAG facts computed once.</summary>
internal sealed class ValidationContext
{
    /// <summary>
    /// How many names "did you mean" hints may compare in one validation: each hint compares a name with every
    /// candidate, so 8,000 misspelled needs among 8,000 steps would be 64 million comparisons. Past the budget, a
    /// fix says what to use without a hint.
    /// </summary>
    public const int HintComparisons = 200_000;

    /// <summary>How many names a fix lists when it lists the choices.</summary>
    public const int ListedNames = 10;

    private int _compared;

    public ValidationContext(PlaybookDefinition playbook, ActionCatalog catalog, List<Diagnostic> diagnostics)
    {
        Playbook = playbook;
        Catalog = catalog;
        Diagnostics = diagnostics;
        foreach (var step in playbook.Steps)
        {
            if (step.Id.Length > 0)
            {
                StepsById.TryAdd(step.Id, step);
            }
        }

        for (var i = 0; i < playbook.Variables.Count; i++)
        {
            VariableIndex.TryAdd(playbook.Variables[i].Key, i);
        }

        foreach (var input in playbook.Inputs)
        {
            InputNames.Add(input.Name);
        }

        Graph = new StepGraph(playbook.Steps);
    }

    public PlaybookDefinition Playbook { get; }

    public ActionCatalog Catalog { get; }

    public List<Diagnostic> Diagnostics { get; }

    /// <summary>The first step of each id.</summary>
    public Dictionary<string, StepDefinition> StepsById { get; } = new(StringComparer.Ordinal);

    /// <summary>The steps and their needs as a graph, with its cycles.</summary>
    public StepGraph Graph { get; }

    /// <summary>The position of each variable's first declaration.</summary>
    public Dictionary<string, int> VariableIndex { get; } = new(StringComparer.Ordinal);

    public HashSet<string> InputNames { get; } = new(StringComparer.Ordinal);

    public void Add(Diagnostic diagnostic) => Diagnostics.Add(diagnostic);

    /// <summary>"did you mean 'x'?", or empty when nothing is close or the validation's hint budget is spent.</summary>
    public string DidYouMean(string name, IReadOnlyCollection<string> candidates)
    {
        if (_compared + candidates.Count > HintComparisons)
        {
            return "";
        }

        _compared += candidates.Count;
        return Suggestions.DidYouMean(name, candidates);
    }

    /// <summary>The first names, comma-separated, and how many more there are.</summary>
    public static string List(IReadOnlyCollection<string> names) =>
        names.Count <= ListedNames
            ? string.Join(", ", names)
            : $"{string.Join(", ", names.Take(ListedNames))}, ... ({names.Count - ListedNames:N0} more)";
}
