using System.Globalization;

namespace NeevCloud.Operator.Runtime;

/// <summary>Durations in messages people read.</summary>
public static class Durations
{
    /// <summary>"5 min", "10 s", "250 ms".</summary>
    public static string Describe(TimeSpan duration) =>
        duration >= TimeSpan.FromMinutes(1) && duration.Seconds == 0 ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0.#} min")
        : duration >= TimeSpan.FromSeconds(1) ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(duration.TotalSeconds):0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms");
}
