using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;

namespace NeevCloud.Operator.Runtime;

/// <summary>
/// KubernetesClient's LeaseLock, with apiVersion and kind set on every body it sends. Built-in
/// API groups infer them; a group served by a CRD (our test API server) rejects a body without them.
/// </summary>
public sealed class TypedLeaseLock(IKubernetes client, string ns, string name, string identity)
    : LeaseLock(client, ns, name, identity)
{
    protected override V1Lease SetLeaderElectionRecord(LeaderElectionRecord record, V1Lease metaObj)
    {
        var lease = base.SetLeaderElectionRecord(record, metaObj);
        lease.ApiVersion = "coordination.k8s.io/v1";
        lease.Kind = "Lease";
        return lease;
    }
}
