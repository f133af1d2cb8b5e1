using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeevCloud.Operator.Runtime.Managed;

namespace NeevCloud.Operator.Runtime.Polling;

/// <summary>
/// The poll schedule of every <see cref="IPolledListing"/>: each scope something asked to keep fresh is listed
/// once per interval (Operator:Refresh:Transitioning), so a VM reaching `running` is seen within about one
/// interval however many VMs move at once. Only scopes a pass asked for are listed, so a replica that is not
/// the leader (and runs no passes) lists nothing.
/// </summary>
public sealed partial class ListingPoller(
    IEnumerable<IPolledListing> listings, IOptions<RefreshOptions> refresh, TimeProvider time, ILogger<ListingPoller> logger) : BackgroundService
{
    private readonly IReadOnlyList<IPolledListing> _listings = [.. listings];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = refresh.Value.Transitioning;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await Task.WhenAll(_listings.Select(listing => PollAsync(listing, interval / 2, stoppingToken)));
        }
    }

    private async Task PollAsync(IPolledListing listing, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        try
        {
            await listing.PollAsync(maxAge, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The objects' own (slower) passes still observe; the next poll tries again.
            LogPollFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A poll of the cloud failed")]
    private partial void LogPollFailed(Exception exception);
}
