using k8s;
using k8s.Models;
using NeevCloud.Operator.Runtime;

namespace Operator.Tests.Runtime.Managed;

/// <summary>The events a pass recorded, as (type, reason).</summary>
internal sealed class RecordingEvents : IEventRecorder
{
    public List<(string Type, string Reason, string Note)> Recorded { get; } = [];

    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string note, CancellationToken cancellationToken)
    {
        Recorded.Add((type, reason, note));
        return Task.CompletedTask;
    }
}
