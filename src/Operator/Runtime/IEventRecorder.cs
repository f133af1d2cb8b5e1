using k8s;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>Records Kubernetes Events about an object, best effort (see <see cref="EventRecorder"/>).</summary>
public interface IEventRecorder
{
    /// <param name="regarding">The object the event is about.</param>
    /// <param name="type">"Normal" or "Warning".</param>
    /// <param name="reason">A CamelCase reason, e.g. the condition reason.</param>
    /// <param name="action">What the operator was doing, e.g. "Reconcile".</param>
    /// <param name="note">The human-readable message (never a secret).</param>
    /// <param name="cancellationToken">Gives up on the write.</param>
    Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string note, CancellationToken cancellationToken);
}
