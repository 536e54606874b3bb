using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// For the services built at start, which their registrations construct by hand: the container would find each constructor by
/// reflection and make each <see cref="ILogger{TCategoryName}"/> at run time, and in the native executable building those
/// generic types is a measurable part of the time to the first answer (the open-generic <c>Logger&lt;T&gt;</c> is
/// compiled for the categories named here, so nothing is built at run time).
/// </summary>
internal static class ServiceConstruction
{
    public static ILogger<T> Logger<T>(this IServiceProvider services) => services.GetRequiredService<ILoggerFactory>().CreateLogger<T>();

    public static T Get<T>(this IServiceProvider services)
        where T : notnull => services.GetRequiredService<T>();
}
