using System.Globalization;
using Microsoft.AspNetCore.Http;
using NeevCloud.Simulator.Domain;

namespace NeevCloud.Simulator.Validation;

/// <summary>
/// Reads <c>page</c> and <c>limit</c>. Strict (400 naming the parameter) for the lists that document a 400;
/// lenient for listRootDiskVolumes, whose contract has no 400: there a bad value falls back to the default and an
/// out-of-range one is clamped.
/// </summary>
internal static class PagingParser
{
    public static Outcome<PageRequest> Strict(IQueryCollection query)
    {
        var problems = new List<string>();
        var page = ParseStrict(query, "page", 1, 1, int.MaxValue, problems);
        var limit = ParseStrict(query, "limit", PageRequest.DefaultLimit, 1, PageRequest.MaxLimit, problems);
        return problems.Count == 0 ? new PageRequest(page, limit) : Failure.BadRequest(string.Join("; ", problems));
    }

    public static PageRequest Lenient(IQueryCollection query)
    {
        var page = TryParse(query, "page") is int p ? Math.Max(1, p) : 1;
        var limit = TryParse(query, "limit") is int l ? Math.Clamp(l, 1, PageRequest.MaxLimit) : PageRequest.DefaultLimit;
        return new PageRequest(page, limit);
    }

    private static int ParseStrict(IQueryCollection query, string name, int fallback, int min, int max, List<string> problems)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return fallback;
        }

        if (TryParse(query, name) is int value && value >= min && value <= max)
        {
            return value;
        }

        problems.Add(max == int.MaxValue
            ? $"{name} must be an integer of at least {min}"
            : $"{name} must be an integer between {min} and {max}");
        return fallback;
    }

    private static int? TryParse(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1
            && int.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
