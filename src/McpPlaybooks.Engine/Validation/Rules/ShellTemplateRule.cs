using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Definitions.Templates;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>
/// A shell step names its program itself (argv[0] is written in the playbook, never a template), and a template
/// sets no loader variable (PATH, LD_*, DYLD_*...) unless the step sets <c>allow_loader_env: true</c>. What a
/// templated <c>env:</c> map yields is checked when the step runs.
/// </summary>
internal static class ShellTemplateRule
{
    public static void Check(ValidationContext context)
    {
        foreach (var call in ActionCall.All(context.Playbook).Where(c => c.Action == "shell"))
        {
            CheckProgram(context, call);
            CheckEnvironment(context, call);
        }
    }

    private static void CheckProgram(ValidationContext context, ActionCall call)
    {
        var program = call.With["command"] switch
        {
            ListTemplate { Items.Count: > 0 } list => list.Items[0],
            null or ListTemplate or LiteralTemplate => null, // absent, empty or not a list: other rules say so
            var other => other,
        };
        if (program is null || program.IsLiteral)
        {
            return;
        }

        var whole = ReferenceEquals(program, call.With["command"]);
        context.Add(Problems.Error(
            DiagnosticCodes.ProgramFromTemplate,
            whole
                ? $"the whole command of shell in {call.Where} comes from a template, so whoever fills it chooses the program"
                : $"the program of shell in {call.Where} (argv[0], the command's first item) comes from a template, so whoever fills it chooses what runs",
            program.Node,
            whole
                ? "write the command as a list whose first item is the program, such as [systemctl, restart, \"{{ inputs.service }}\"]; only the arguments may be templates"
                : "write the program in the playbook (systemctl, /usr/local/bin/tool); pick among programs with one step per program and a when: on each"));
    }

    private static void CheckEnvironment(ValidationContext context, ActionCall call)
    {
        if (call.With["env"] is not ObjectTemplate env || EnvironmentTemplateCheck.OptedIn(call.With))
        {
            return;
        }

        foreach (var (name, value) in env.Properties)
        {
            if (LoaderVariables.IsLoaderVariable(name) && !value.IsLiteral)
            {
                context.Add(Problems.Error(
                    DiagnosticCodes.LoaderVariableFromTemplate,
                    $"the environment variable {name} of shell in {call.Where} comes from a template; it decides what code the program loads or runs",
                    env.Mapping.KeyLocationOf(name),
                    value.Node.Path,
                    $"write its value in the playbook, or add '{LoaderVariables.OptIn}: true' under 'with:' after review ({LoaderVariables.Description} are refused from templates by default)"));
            }
        }
    }
}
