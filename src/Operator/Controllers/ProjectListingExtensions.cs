using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime.Polling;

namespace NeevCloud.Operator.Controllers;

/// <summary>How VMs and root disks are found in the per-project listings they share.</summary>
public static class ProjectListingExtensions
{
    /// <summary>
    /// The item with this id from the project's LIST (at most <paramref name="maxAge"/> old), confirmed with a GET
    /// when the LIST lacks it (it may lag behind a create); null when the item is gone — or its project, which
    /// takes its VMs and disks with it (the LIST then answers 404).
    /// </summary>
    /// <param name="listing">The shared listing.</param>
    /// <param name="scope">The project.</param>
    /// <param name="id">The item's cloud id.</param>
    /// <param name="maxAge">How old a LIST may be.</param>
    /// <param name="get">The GET of the one item.</param>
    /// <param name="useListing">False: always the GET (the benchmark's naive baseline).</param>
    /// <param name="cancellationToken">Gives up on the calls.</param>
    public static async Task<TItem?> FindAsync<TItem, TEntity>(
        this PolledListing<ProjectScope, TItem, TEntity> listing,
        ProjectScope scope,
        string id,
        TimeSpan maxAge,
        Func<CancellationToken, Task<TItem>> get,
        CancellationToken cancellationToken,
        bool useListing = true)
        where TItem : class
    {
        try
        {
            if (useListing && (await listing.GetAsync(scope, maxAge, cancellationToken)).TryGetValue(id, out var listed))
            {
                return listed;
            }

            var read = await get(cancellationToken);
            listing.Record(scope, read);
            return read;
        }
        catch (NeevCloudApiException ex) when (ex.Kind == CloudErrorKind.NotFound)
        {
            return null;
        }
    }
}
