namespace McpPlaybooks.Server.Tests.Leasing;

/// <summary>Asks again until the answer is the one awaited (a server's state seen from outside), within a bound that only guards a hang.</summary>
internal static class Until
{
    public static async Task<T> TrueAsync<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan bound, string what)
    {
        using var limit = new CancellationTokenSource(bound);
        while (true)
        {
            var answer = await ask();
            if (done(answer))
            {
                return answer;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what}: not within {bound}; last answer: {answer}");
            }
        }
    }
}
