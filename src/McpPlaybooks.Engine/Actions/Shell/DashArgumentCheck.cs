using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// Against option injection: a value that came from a template may not start with '-' in an
/// argument slot (a service named <c>--help</c>, a path named <c>-rf</c>) unless the step sets
/// <c>allow_dash_args: true</c>. A dash the playbook's author wrote is fine: a literal item
/// (<c>-l</c>), or a template whose text itself starts with '-' (<c>--context={{ inputs.ctx }}</c>).
/// </summary>
internal static class DashArgumentCheck
{
    /// <summary>Throws a validation failure for the first templated argument that starts with '-'.</summary>
    /// <param name="argv">The rendered command, the program first.</param>
    /// <param name="command">The step's <c>command</c> as written; null when unknown, and then every item counts as templated.</param>
    public static void Check(IReadOnlyList<string> argv, ValueTemplate? command)
    {
        ArgumentNullException.ThrowIfNull(argv);
        for (var i = 1; i < argv.Count; i++)
        {
            if (argv[i].StartsWith('-') && IsTemplated(command, i))
            {
                throw new ActionFailedException(
                    $"argument {i} of the command is '{argv[i]}', which starts with '-': a templated value may not start with '-' " +
                    "unless the step sets allow_dash_args: true (option injection); " +
                    "or write the option in the playbook and the value after it, or end the options with '--' if the program accepts it")
                {
                    Category = ErrorCategory.Validation,
                };
            }
        }
    }

    private static bool IsTemplated(ValueTemplate? command, int index) => command switch
    {
        ListTemplate list when index < list.Items.Count => list.Items[index] switch
        {
            LiteralTemplate => false,
            StringTemplate text => !text.Template.Text.StartsWith('-'),
            _ => true,
        },
        _ => true,
    };
}
