using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Server.Approvals;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// What <c>serve</c> runs with, after configuration (appsettings.json, <c>MCPPLAYBOOKS_*</c> variables, flags) is read:
/// the engine's options (data directory, allowlists, playbook folders), the folders of the catalogue, and where saved
/// playbooks, prompts and the server's own log files go.
/// </summary>
internal sealed record ServerSettings
{
    public required EngineOptions Engine { get; init; }

    /// <summary>The folders the catalogue reads, in order (the bundled <c>playbooks/</c> unless <c>--playbooks</c> says otherwise).</summary>
    public required IReadOnlyList<string> PlaybookDirectories { get; init; }

    /// <summary>Where <c>save_playbook</c> writes new versions: <c>playbooks/</c> in the data directory (read as well).</summary>
    public string SaveDirectory => Path.Combine(Engine.DataDirectory, "playbooks");

    /// <summary>The rolling log files of the server: <c>logs/</c> in the data directory.</summary>
    public string LogDirectory => Path.Combine(Engine.DataDirectory, "logs");

    /// <summary>
    /// The roles of the one person behind a stdio client (<c>Roles</c>, e.g. <c>oncall</c>): they count for answers in the
    /// chat from the configured chat user (<c>Approvals:ChatUser</c>), and for approve_step only where the server accepts
    /// assistant decisions (<c>Approvals:AcceptAssistant</c>). Empty by default.
    /// </summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Who a person is on the chat and command-line channels (<c>Approvals:*</c>).</summary>
    public ApprovalSettings Approvals { get; init; } = new();

    /// <summary>The prompt files (<c>prompts/*.md</c>), bundled beside the executable.</summary>
    public string PromptDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "prompts");
}
