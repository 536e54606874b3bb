using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using McpPlaybooks.Engine.Catalog;

namespace McpPlaybooks.Benchmarks.Catalog;

/// <summary>
/// <c>catalog [FILES]</c>: a folder of FILES playbooks (default 60, the bundled playbooks' texts under new ids), then the
/// cost of a save and of a loop of 10 child starts, before (each read the folder and validated every file again, as the
/// catalogue and the child resolver did) and after (a save validates its file alone; a child start reads the folder and
/// validates nothing unchanged). Prints the medians of 5 rounds and the ratios. Not a test: nothing is asserted.
/// </summary>
internal static partial class CatalogRun
{
    private const int Rounds = 5;
    private const int Children = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = 60;
        if (args.Length > 0 && (!int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            Console.Error.WriteLine("usage: catalog [FILES]  (FILES an integer of at least 1, default 60)");
            return 2;
        }

        var bundled = Path.Combine(AppContext.BaseDirectory, "playbooks");
        var texts = Directory.EnumerateFiles(bundled, "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        if (texts.Count == 0)
        {
            Console.Error.WriteLine($"no bundled playbooks in {bundled}");
            return 1;
        }

        var root = Directory.CreateTempSubdirectory("mcpplaybooks-catalog-bench-").FullName;
        try
        {
            var folder = Path.Combine(root, "playbooks");
            var saved = Path.Combine(root, "saved");
            Directory.CreateDirectory(folder);
            for (var i = 0; i < count; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, $"p{i}.yaml"), Renamed(texts[i % texts.Count], $"bench-{i}", "1.0.0"));
            }

            using var catalog = new PlaybookCatalog([folder], saved, TimeProvider.System);
            _ = catalog.Current;
            var template = texts[0];
            var (saveBefore, saveAfter, childBefore, childAfter) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            for (var round = 0; round < Rounds; round++)
            {
                saveBefore.Add(Time(() => new CatalogLoader().Load(catalog.Directories)));
                var save = catalog.Prepare(Renamed(template, "bench-0", $"1.0.{round + 1}"));
                saveAfter.Add(await TimeAsync(() => catalog.WriteAsync(save, CancellationToken.None)));
                childBefore.Add(Time(() =>
                {
                    for (var i = 0; i < Children; i++)
                    {
                        _ = new CatalogLoader().Load(catalog.Directories).Find($"bench-{i}");
                    }
                }));
                childAfter.Add(Time(() =>
                {
                    for (var i = 0; i < Children; i++)
                    {
                        _ = catalog.Reload().Find($"bench-{i}");
                    }
                }));
            }

            Console.WriteLine($"catalog: {count} files, median of {Rounds} rounds");
            Print("save (before: every file validated again)", Median(saveBefore), Median(saveAfter));
            Print($"{Children} child starts (before: every file validated again at each)", Median(childBefore), Median(childAfter));
            Console.WriteLine($"files validated by the catalogue in all: {catalog.FilesValidated} ({count} at its load, 1 per save)");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Print(string what, double before, double after) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: before {before:0.0} ms, after {after:0.0} ms, ratio {before / Math.Max(after, 0.001):0.0}x"));

    private static string Renamed(string text, string id, string version) =>
        Version().Replace(Id().Replace(text, $"id: {id}", 1), $"version: {version}", 1);

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex("^id: .*$", RegexOptions.Multiline)]
    private static partial Regex Id();

    [GeneratedRegex("^version: .*$", RegexOptions.Multiline)]
    private static partial Regex Version();
}
