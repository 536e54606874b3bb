namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>A new session refused because as many are open as <see cref="Setting"/> allows; answered with 503.</summary>
internal sealed class SessionLimitException : Exception
{
    public SessionLimitException()
    {
        Setting = "";
    }

    public SessionLimitException(string setting)
        : base($"as many sessions are open as {setting} allows")
    {
        Setting = setting;
    }

    public SessionLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
        Setting = "";
    }

    /// <summary>The setting whose cap was reached: <c>MaxSessions</c> or <c>MaxSessionsPerIdentity</c>.</summary>
    public string Setting { get; }
}
