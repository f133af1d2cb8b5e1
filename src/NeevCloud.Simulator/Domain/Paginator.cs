using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Validation;

namespace NeevCloud.Simulator.Domain;

/// <summary>Cuts one page out of a sorted list; a page past the end is empty, with the totals still right.</summary>
internal static class Paginator
{
    public static ListResponse<TResult> Page<TSource, TResult>(
        IReadOnlyList<TSource> all, PageRequest page, Func<TSource, TResult> map)
    {
        var skip = (long)(page.Page - 1) * page.Limit;
        var data = skip >= all.Count ? [] : all.Skip((int)skip).Take(page.Limit).Select(map).ToList();
        var totalPages = (all.Count + page.Limit - 1) / page.Limit;
        return new ListResponse<TResult>(data, new PaginationResponse(all.Count, totalPages, page.Page, page.Limit));
    }
}
