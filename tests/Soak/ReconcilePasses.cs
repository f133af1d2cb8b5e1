using System.Text.Json;

namespace Soak.Tests;

/// <summary>
/// Reconcile passes per object, from the "{Controller}: reconciling {Key}" debug lines of the operator's
/// JSON logs (every incarnation, so passes before a crash count too). A hot loop shows as many passes of
/// one key in a short time; a refresh poll or a crash re-queue does not.
/// </summary>
internal sealed class ReconcilePasses
{
    private const string Template = "{Controller}: reconciling {Key}";

    private readonly Dictionary<string, List<DateTimeOffset>> _passes;

    private ReconcilePasses(Dictionary<string, List<DateTimeOffset>> passes) => _passes = passes;

    public int Total => _passes.Values.Sum(p => p.Count);

    public int Keys => _passes.Count;

    public static ReconcilePasses Read(IEnumerable<string> logPaths)
    {
        var passes = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var path in logPaths)
        {
            foreach (var line in File.ReadLines(path))
            {
                if (!line.StartsWith('{') || !line.Contains(Template, StringComparison.Ordinal))
                {
                    continue;
                }

                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var key = $"{root.GetProperty("Controller").GetString()} {root.GetProperty("Key").GetString()}";
                if (!passes.TryGetValue(key, out var times))
                {
                    passes[key] = times = [];
                }

                times.Add(root.GetProperty("@t").GetDateTimeOffset());
            }
        }

        return new ReconcilePasses(passes);
    }

    /// <summary>The key with the most passes ("controller namespace/name") and their number.</summary>
    public (string Key, int Count) Most() =>
        _passes.Select(p => (p.Key, p.Value.Count)).OrderByDescending(p => p.Count).FirstOrDefault();

    /// <summary>The key with the most passes within any <paramref name="window"/>, and their number.</summary>
    public (string Key, int Count) MostWithin(TimeSpan window) =>
        _passes.Select(p => (p.Key, Densest(p.Value, window))).OrderByDescending(p => p.Item2).FirstOrDefault();

    private static int Densest(List<DateTimeOffset> times, TimeSpan window)
    {
        var sorted = times.Order().ToList();
        var most = 0;
        for (int first = 0, last = 0; last < sorted.Count; last++)
        {
            while (sorted[last] - sorted[first] > window)
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        return most;
    }
}
