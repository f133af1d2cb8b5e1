using k8s;
using k8s.LeaderElection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Runs every controller: caches start on all replicas (so a new leader starts warm and
/// /readyz means "caches synced"), workers only on the leader. Losing leadership stops the
/// process, as controller-runtime does: a clean restart is safer than a half-stopped leader.
/// Shutdown lets in-flight passes finish, then hands the Lease on at once.
/// <para>
/// The <see cref="WriteFence"/> follows leadership: it opens while the Lease is held and renewed, and closes the
/// moment shutdown begins or the Lease is lost — before the passes still running have finished — so no mutating
/// cloud call starts on a replica another may already have replaced.
/// </para>
/// </summary>
public sealed partial class ControllerManager(
    IEnumerable<IManagedCache> caches,
    IEnumerable<IManagedController> controllers,
    IKubernetes kubernetes,
    IOptions<LeaderElectionOptions> leaderElection,
    WriteFence fence,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ControllerManager> logger) : BackgroundService
{
    private readonly IReadOnlyList<IManagedCache> _caches = [.. caches];
    private readonly IReadOnlyList<IManagedController> _controllers = [.. controllers];
    private volatile bool _synced;
    private volatile bool _leading;

    public bool IsSynced => _synced;

    public bool IsLeading => _leading;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = _caches.Select(c => Task.Run(() => c.RunAsync(stoppingToken), CancellationToken.None)).ToList();
        try
        {
            await Task.WhenAll(_caches.Select(c => c.WaitForSyncAsync(stoppingToken)));
            _synced = true;
            LogSynced(_caches.Count);

            var options = leaderElection.Value;
            if (options.Enabled)
            {
                await RunAsLeaderAsync(options, stoppingToken);
            }
            else
            {
                // One replica, no Lease: only shutdown closes the fence.
                _leading = true;
                fence.Grant(validUntil: null);
                using var revokeOnStop = stoppingToken.Register(() => fence.Revoke("the operator is shutting down"));
                await RunWorkersAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await Task.WhenAll(running);
    }

    private async Task RunAsLeaderAsync(LeaderElectionOptions options, CancellationToken stoppingToken)
    {
        var ns = options.Namespace ?? PodNamespace();
        var identity = $"{Environment.MachineName}_{Guid.NewGuid():N}";
        var leaseLock = new FencingLeaseLock(new TypedLeaseLock(kubernetes, ns, options.LeaseName, identity), fence, options.RenewDeadline, time);
        using var stopFencing = stoppingToken.Register(() => leaseLock.Stop("the operator is shutting down"));
        var config = new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        using var workersStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task? workers = null;
        elector.OnStartedLeading += () =>
        {
            _leading = true;
            LogLeading(identity, ns, options.LeaseName);
            workers = Task.Run(() => RunWorkersAsync(workersStop.Token), CancellationToken.None);
        };
        elector.OnStoppedLeading += () =>
        {
            _leading = false;
            leaseLock.Stop("the Lease was lost");
            workersStop.Cancel();
        };
        elector.OnError += ex => LogElectionError(ex);

        await elector.RunUntilLeadershipLostAsync(stoppingToken);
        await workersStop.CancelAsync();
        if (workers is not null)
        {
            await workers;
        }

        if (stoppingToken.IsCancellationRequested && workers is not null)
        {
            await ReleaseLeaseAsync(leaseLock, identity);
        }
        else if (!stoppingToken.IsCancellationRequested)
        {
            LogLostLeadership(identity);
            lifetime.StopApplication();
        }
    }

    private async Task ReleaseLeaseAsync(FencingLeaseLock leaseLock, string identity)
    {
        // Every pass has finished and the fence is closed: the next replica may start now, not a lease duration later.
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await leaseLock.ReleaseAsync(timeout.Token);
            LogReleased(identity);
        }
        catch (Exception ex)
        {
            // It then expires on its own.
            LogReleaseFailed(ex);
        }
    }

    private Task RunWorkersAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_controllers.Select(c => c.RunWorkersAsync(cancellationToken)));

    private static string PodNamespace()
    {
        const string serviceAccountNamespace = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } ns ? ns
            : File.Exists(serviceAccountNamespace) ? File.ReadAllText(serviceAccountNamespace).Trim()
            : "default";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} caches synced")]
    private partial void LogSynced(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Became leader as {Identity} (lease {Namespace}/{Lease})")]
    private partial void LogLeading(string identity, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released the Lease as {Identity}")]
    private partial void LogReleased(string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the Lease; it expires on its own")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election error")]
    private partial void LogElectionError(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lost leadership as {Identity}; stopping so that a restart starts clean")]
    private partial void LogLostLeadership(string identity);
}
