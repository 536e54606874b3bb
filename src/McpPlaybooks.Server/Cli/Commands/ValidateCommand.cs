using McpPlaybooks.Engine.Catalog;
using System.Collections;
using System.CommandLine;
using McpPlaybooks.Engine.Secrets;
using McpPlaybooks.Engine.Validation;
using McpPlaybooks.Server.Cli.Run;
using McpPlaybooks.Server.Cli.Validate;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>validate PATH... [--json]</c>: checks playbooks as a compiler checks sources. Exit 0 when
/// there is no error (warnings are fine), 1 when there is one.
/// </summary>
internal sealed class ValidateCommand : Command
{
    private readonly CliContext _context;

    private readonly Argument<string[]> _paths = new("PATH")
    {
        Arity = ArgumentArity.OneOrMore,
        Description = "Playbook files, or directories whose *.yaml, *.yml and *.json files are checked (not recursively).",
    };

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print one JSON document on stdout instead of one line per problem.",
    };

    public ValidateCommand(CliContext context)
        : base("validate", "Check playbooks and print one line per problem, as compilers do. Exits 0 when there is no error, 1 when there is one, 2 on bad usage.")
    {
        _context = context;
        Add(_paths.RejectOptionLikeValues());
        Add(_json);
        SetAction(Execute);
    }

    /// <summary>Whether a secret is set for a run from this shell: its PLAYBOOK_SECRET_ variable, or the secrets file's line.</summary>
    private Func<string, bool> SecretIsSet()
    {
        var file = _context.Environment(EngineOptionsFromEnvironment.SecretsFile);
        SecretStore fromFile;
        try
        {
            fromFile = SecretStore.Load(new Hashtable(), string.IsNullOrWhiteSpace(file) ? null : file.Trim());
        }
        catch (SecretsFileException)
        {
            // run says what is wrong with the file; here its secrets count as not set
            fromFile = SecretStore.Load(new Hashtable(), null);
        }

        return name => !string.IsNullOrEmpty(_context.Environment(SecretStore.EnvironmentPrefix + name)) || fromFile.IsSet(name);
    }

    /// <summary>
    /// The reports with a warning for each cycle of child playbooks (PB1009), among the files given and, after them, the
    /// playbooks <c>run</c> finds children in (read only when a file names a child).
    /// </summary>
    private List<ValidatedFile> WithChildCycles(List<ValidatedFile> files)
    {
        var playbooks = files.Select(f => f.Report.Playbook).OfType<Engine.Definitions.PlaybookDefinition>().ToList();
        if (!playbooks.Exists(ChildCycles.StartsChildren))
        {
            return files;
        }

        using var folders = new PlaybookCatalog(PlaybookLocator.Folders(_context.CurrentDirectory), saveDirectory: null, TimeProvider.System);
        var lookup = new PlaybookLookup(playbooks.Concat(folders.Current.Entries.Select(e => e.Definition)));
        return files.ConvertAll(f => f with { Report = ChildCycles.Check(f.Report, lookup) });
    }

    private int Execute(ParseResult parseResult)
    {
        var validator = new PlaybookValidator { SecretIsSet = SecretIsSet() };
        var files = WithChildCycles(PlaybookPaths.Expand(parseResult.GetRequiredValue(_paths))
            .Select(path => new ValidatedFile(path, validator.ValidateFile(path)))
            .ToList());
        var summary = ValidationSummary.From(files);

        foreach (var file in files)
        {
            foreach (var problem in file.ReadProblems)
            {
                _context.Error.WriteLine(problem.Format(file.Path));
            }
        }

        if (parseResult.GetValue(_json))
        {
            JsonValidationWriter.Write(files, summary, _context.Out);
        }
        else
        {
            HumanValidationWriter.Write(files, summary, _context.Out);
        }

        return summary.ExitCode;
    }
}
