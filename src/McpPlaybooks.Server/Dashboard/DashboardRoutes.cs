namespace McpPlaybooks.Server.Dashboard;

/// <summary>The paths of the dashboard and of the probes.</summary>
internal static class DashboardRoutes
{
    /// <summary>The executions page.</summary>
    public const string Home = "/ui/";

    public const string Login = "/ui/login";

    public const string Logout = "/ui/logout";

    /// <summary>The embedded CSS and JavaScript: <c>/ui/assets/NAME</c>.</summary>
    public const string Assets = "/ui/assets/{name}";

    /// <summary>Executions as JSON (filters and cursor in the query).</summary>
    public const string Executions = "/ui/api/executions";

    /// <summary>One execution's page.</summary>
    public const string Execution = "/ui/executions/{id}";

    /// <summary>One execution as JSON.</summary>
    public const string ExecutionData = "/ui/api/executions/{id}";

    /// <summary>One execution's attempts and waits, for its timeline.</summary>
    public const string ExecutionTimeline = "/ui/api/executions/{id}/timeline";

    /// <summary>One step's output, error, attempts and iterations.</summary>
    public const string ExecutionStep = "/ui/api/executions/{id}/steps/{step}";

    /// <summary>One execution's log lines: the last ones, or those after <c>after</c>.</summary>
    public const string ExecutionLogs = "/ui/api/executions/{id}/logs";

    /// <summary>Pause, resume or cancel one execution (POST, form field <c>action</c>).</summary>
    public const string ExecutionControl = "/ui/api/executions/{id}/control";

    /// <summary>The live feed of execution changes (Server-Sent Events).</summary>
    public const string Events = "/ui/api/events";

    /// <summary>The playbooks page: the catalogue.</summary>
    public const string Playbooks = "/ui/playbooks";

    /// <summary>One playbook's page (<c>?version=</c>, default the latest).</summary>
    public const string Playbook = "/ui/playbooks/{id}";

    /// <summary>The catalogue as JSON.</summary>
    public const string PlaybooksData = "/ui/api/playbooks";

    /// <summary>One playbook as JSON: its YAML, problems, plan and track record (<c>?version=</c>).</summary>
    public const string PlaybookData = "/ui/api/playbooks/{id}";

    /// <summary>The insights page.</summary>
    public const string Insights = "/ui/insights";

    /// <summary>The learning memory's figures as JSON (<c>?days=</c>, default 30).</summary>
    public const string InsightsData = "/ui/api/insights";

    /// <summary>The query parameter of the start-up URL that carries this run's access token.</summary>
    public const string AccessParameter = "access";

    /// <summary>The process is up (GET, no token).</summary>
    public const string Live = "/health/live";

    /// <summary>The history is writable and the catalogue loaded (GET, no token).</summary>
    public const string Ready = "/health/ready";
}
