using System.Text;

namespace McpPlaybooks.Benchmarks.Crash;

/// <summary>
/// A playbook the crash runs kill. Each non-idempotent shell step appends one line to its own marker file, so the files
/// count how often each step ran. Shared by the Server tests (linked) and the <c>crash</c> benchmark.
/// </summary>
internal sealed class CrashPlaybook
{
    /// <summary>The approval step's id and the identity allowed to decide it.</summary>
    public const string Gate = "gate";

    public const string Approver = "oncall";

    private CrashPlaybook(string yaml, IReadOnlyList<string> markingSteps, IReadOnlyList<string>? markingFinally = null)
    {
        Yaml = yaml;
        MarkingSteps = markingSteps;
        MarkingFinally = markingFinally ?? [];
    }

    public string Yaml { get; }

    /// <summary>The shell steps that leave a mark; each appends to a file named after the step.</summary>
    public IReadOnlyList<string> MarkingSteps { get; }

    /// <summary>The <c>finally</c> calls that leave a mark, as the steps do: each runs once per execution.</summary>
    public IReadOnlyList<string> MarkingFinally { get; }

    /// <summary>
    /// A mark, an idempotent <c>wait</c>, a mark, a <c>set</c>, an approval gate and a last mark: one step of each kind a
    /// crash treats differently, so a kill after each history commit lands at every state transition; and a
    /// <c>finally</c> call that leaves a mark (<c>tidy</c>).
    /// </summary>
    public static CrashPlaybook Transitions { get; } = new("""
        id: crash-marks
        name: Crash marks
        version: 1.0.0
        description: Leaves a mark per non-idempotent step, to count how often each ran.
        timeout: 2m
        inputs:
          dir: { type: string, description: where the marker files go }
        steps:
          - id: mark-a
            action: shell
            timeout: 30s
            rollback: []
            with: { command: [/bin/sh, -c, "echo x >> \"$0/mark-a\"", "{{ inputs.dir }}"] }
          - id: between
            needs: [mark-a]
            action: wait
            with: { duration: 20ms }
          - id: mark-b
            needs: [between]
            action: shell
            timeout: 30s
            rollback: []
            with: { command: [/bin/sh, -c, "echo x >> \"$0/mark-b\"", "{{ inputs.dir }}"] }
          - id: note
            needs: [mark-b]
            action: set
            with: { done: ab }
          - id: gate
            needs: [note]
            action: approval
            with: { message: "Mark C?", approvers: [oncall] }
          - id: mark-c
            needs: [gate]
            action: shell
            timeout: 30s
            rollback: []
            with: { command: [/bin/sh, -c, "echo x >> \"$0/mark-c\"", "{{ inputs.dir }}"] }
        finally:
          - id: tidy
            action: shell
            with: { command: [/bin/sh, -c, "echo x >> \"$0/tidy\"", "{{ inputs.dir }}"] }
        """, ["mark-a", "mark-b", "mark-c"], ["tidy"]);

    /// <summary>
    /// Two marks, each with a rollback that leaves a mark of its own (<c>undo-a</c>, <c>undo-b</c>), an approval gate, a
    /// last mark, and a <c>finally</c> call that leaves one too (<c>tidy</c>): for the crash sweep of a rollback asked of an
    /// ended execution. The rollback and finally marks go to the working directory of the process that runs them, so that
    /// each copy of one execution counts its own.
    /// </summary>
    public static CrashPlaybook Undos { get; } = new("""
        id: crash-undos
        name: Crash undos
        version: 1.0.0
        description: Marks undone by marks, a gate, and a finally mark, to count how often each ran.
        timeout: 2m
        inputs:
          dir: { type: string, description: where the marker files go }
        steps:
          - id: mark-a
            action: shell
            timeout: 30s
            rollback:
              - action: shell
                with: { command: [/bin/sh, -c, "echo x >> undo-a"] }
            with: { command: [/bin/sh, -c, "echo x >> \"$0/mark-a\"", "{{ inputs.dir }}"] }
          - id: mark-b
            needs: [mark-a]
            action: shell
            timeout: 30s
            rollback:
              - action: shell
                with: { command: [/bin/sh, -c, "echo x >> undo-b"] }
            with: { command: [/bin/sh, -c, "echo x >> \"$0/mark-b\"", "{{ inputs.dir }}"] }
          - id: gate
            needs: [mark-b]
            action: approval
            with: { message: "Mark C?", approvers: [oncall] }
          - id: mark-c
            needs: [gate]
            action: shell
            timeout: 30s
            rollback: []
            with: { command: [/bin/sh, -c, "echo x >> \"$0/mark-c\"", "{{ inputs.dir }}"] }
        finally:
          - id: tidy
            action: shell
            with: { command: [/bin/sh, -c, "echo x >> tidy"] }
        """, ["mark-a", "mark-b", "mark-c"]);

    /// <summary>A chain of <paramref name="count"/> shell steps that each leave a mark and then sleep 50 ms: targets for kills from outside.</summary>
    public static CrashPlaybook Sleeps(int count)
    {
        var yaml = new StringBuilder("""
            id: crash-sleeps
            name: Crash sleeps
            version: 1.0.0
            description: Marks and sleeps, step after step.
            timeout: 2m
            inputs:
              dir: { type: string, description: where the marker files go }
            steps:

            """);
        var steps = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var id = $"sleep-{i}";
            steps.Add(id);
            yaml.Append("  - id: ").Append(id).Append('\n');
            if (i > 1)
            {
                yaml.Append("    needs: [sleep-").Append(i - 1).Append("]\n");
            }

            yaml.Append("    action: shell\n    timeout: 30s\n    rollback: []\n")
                .Append("    with: { command: [/bin/sh, -c, \"echo x >> \\\"$0/").Append(id).Append("\\\"; sleep 0.05\", \"{{ inputs.dir }}\"] }\n");
        }

        return new CrashPlaybook(yaml.ToString(), steps);
    }

    /// <summary>
    /// A mark, a chain of <paramref name="count"/> <c>set</c> steps that each pass the value of the one before on, and a mark
    /// that writes the value the chain ends with: a kill from outside while the chain runs lands among pure steps whose ends
    /// are held for a later commit, which a new process must run again, alike.
    /// </summary>
    public static CrashPlaybook PureChain(int count)
    {
        var yaml = new StringBuilder("""
            id: crash-pure
            name: Crash pure chain
            version: 1.0.0
            description: A mark, pure steps passing a value on, and a mark with the value.
            timeout: 2m
            inputs:
              dir: { type: string, description: where the marker files go }
            steps:
              - id: mark-a
                action: shell
                timeout: 30s
                rollback: []
                with: { command: [/bin/sh, -c, "echo x >> \"$0/mark-a\"", "{{ inputs.dir }}"] }

            """);
        for (var i = 1; i <= count; i++)
        {
            var value = i == 1 ? "carried" : $"\"{{{{ steps.pass-{i - 1}.output.v }}}}\"";
            yaml.Append($"  - id: pass-{i}\n    needs: [{(i == 1 ? "mark-a" : $"pass-{i - 1}")}]\n    action: set\n    with: {{ v: {value} }}\n");
        }

        // The value goes to the script as an argument, never into its text.
        yaml.Append($"  - id: mark-b\n    needs: [pass-{count}]\n    action: shell\n    timeout: 30s\n    rollback: []\n")
            .Append($"    with: {{ command: [/bin/sh, -c, \"echo \\\"$1\\\" >> \\\"$0/mark-b\\\"\", \"{{{{ inputs.dir }}}}\", \"{{{{ steps.pass-{count}.output.v }}}}\"] }}\n");
        return new CrashPlaybook(yaml.ToString(), ["mark-a", "mark-b"]);
    }

    /// <summary>How many times the step ran: the lines of its marker file in <paramref name="directory"/>.</summary>
    public static int Count(string directory, string stepId)
    {
        var path = Path.Combine(directory, stepId);
        return File.Exists(path) ? File.ReadAllLines(path).Length : 0;
    }
}
