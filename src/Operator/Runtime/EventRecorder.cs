using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// Records events.k8s.io/v1 Events about our objects, best effort: a failure to record (no
/// events API, no permission) is logged at debug and never fails a reconcile. The same event
/// for the same object is recorded at most once per quiet period, so a retrying object cannot
/// flood the API server with events.
/// </summary>
public sealed partial class EventRecorder(IKubernetes kubernetes, ILogger<EventRecorder> logger, TimeProvider? timeProvider = null) : IEventRecorder
{
    public const string ReportingController = "neevcloud.com/neev-operator";
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recent = new();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly string _instance = Environment.MachineName;

    public async Task RecordAsync(
        IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string note, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var key = $"{regarding.Metadata.Uid}|{type}|{reason}|{note}";
        if (_recent.TryGetValue(key, out var last) && now - last < QuietPeriod)
        {
            return;
        }

        _recent[key] = now;
        PruneOld(now);
        var ev = new Eventsv1Event
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = $"{regarding.Metadata.Name}.{now.ToUnixTimeMilliseconds():x}{Random.Shared.Next(0x1000):x3}",
                NamespaceProperty = regarding.Metadata.NamespaceProperty,
            },
            EventTime = now.UtcDateTime,
            ReportingController = ReportingController,
            ReportingInstance = _instance,
            Type = type,
            Reason = reason,
            Action = action,
            Note = note.Length > 1024 ? note[..1024] : note,
            Regarding = new V1ObjectReference
            {
                ApiVersion = regarding.ApiVersion,
                Kind = regarding.Kind,
                Name = regarding.Metadata.Name,
                NamespaceProperty = regarding.Metadata.NamespaceProperty,
                Uid = regarding.Metadata.Uid,
                ResourceVersion = regarding.Metadata.ResourceVersion,
            },
        };
        try
        {
            await kubernetes.EventsV1.CreateNamespacedEventAsync(ev, regarding.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRecorded(ex, reason, regarding.Metadata.Name);
        }
    }

    private void PruneOld(DateTimeOffset now)
    {
        if (_recent.Count < 10_000)
        {
            return;
        }

        foreach (var (key, at) in _recent)
        {
            if (now - at >= QuietPeriod)
            {
                _recent.TryRemove(key, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {Reason} about {Name} not recorded")]
    private partial void LogNotRecorded(Exception exception, string reason, string name);
}
