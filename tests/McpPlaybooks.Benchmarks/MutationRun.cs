using System.Globalization;
using McpPlaybooks.Engine.Tests.Validation.Mutation;

namespace McpPlaybooks.Benchmarks;

/// <summary>
/// <c>mutate [COUNT] [FIRST-SEED]</c>: validates COUNT mutants of the seed playbooks with the generator of the
/// mutation test, and prints the totals. Exits 1 when the validator broke its contract on any mutant.
/// </summary>
internal static class MutationRun
{
    private const int DefaultCount = 20_000;

    public static int Run(string[] args)
    {
        if (!TryArgument(args, 0, DefaultCount, out var count) || count < 1
            || !TryArgument(args, 1, MutationCampaign.DefaultSeed, out var firstSeed))
        {
            Console.Error.WriteLine("usage: mutate [COUNT] [FIRST-SEED]  (COUNT a positive integer, default 20000)");
            return 2;
        }

        var seeds = MutationSeeds.Load();
        Console.WriteLine($"seeds: {string.Join(", ", seeds.Select(s => s.Name))}");
        var campaign = new MutationCampaign(seeds, firstSeed);
        campaign.Run(count);

        var totals = campaign.Totals;
        var rate = totals.Mutants / Math.Max(campaign.Elapsed.TotalSeconds, 1e-9);
        foreach (var failure in campaign.Failures)
        {
            Console.WriteLine(failure.Describe());
            Console.WriteLine();
        }

        Console.WriteLine(
            $"mutants={totals.Mutants} rejected={totals.Rejected} ({totals.RejectedShare:P1}) clean={totals.Clean} crashes={totals.Crashes} " +
            $"unlocated={totals.Unlocated} failed={totals.Failed} in {campaign.Elapsed.TotalSeconds:F1}s: {rate:F0} mutants/s");
        return totals.Failed == 0 ? 0 : 1;
    }

    private static bool TryArgument(string[] args, int index, int fallback, out int value)
    {
        value = fallback;
        return args.Length <= index || int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
