using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// Lists every project with a moving VM once per poll interval (Operator:Refresh:Transitioning), so
/// a VM reaching `running` is seen within about one interval however many VMs move at once: the
/// LIST queues the VMs that changed, and a VM that did not change costs no pass. Only projects a
/// reconcile asked for are listed, so a replica that is not the leader lists nothing.
/// </summary>
public sealed partial class CloudVmPoller(
    CloudVmSnapshots snapshots, IOptions<RefreshOptions> refresh, TimeProvider time, ILogger<CloudVmPoller> logger) : BackgroundService
{
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

            var projects = snapshots.ProjectsToKeepFresh(time.GetUtcNow());
            await Task.WhenAll(projects.Select(p => ListAsync(p.OrganizationId, p.ProjectId, interval / 2, stoppingToken)));
        }
    }

    private async Task ListAsync(string organizationId, string projectId, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        try
        {
            await snapshots.GetAsync(organizationId, projectId, maxAge, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The VMs' own (slower) passes still observe them; the next poll tries again.
            LogListFailed(ex, projectId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Polling the VMs of project {ProjectId} failed")]
    private partial void LogListFailed(Exception exception, string projectId);
}
