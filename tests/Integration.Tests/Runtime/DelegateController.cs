using System.Collections.Concurrent;
using NeevCloud.Operator.Runtime;

namespace Integration.Tests.Runtime;

/// <summary>A controller and finalizer whose behaviour each test supplies; it counts the passes it was given.</summary>
internal sealed class DelegateController(
    Func<Widget, Task<ReconcileResult>> reconcile,
    Func<Widget, Task<FinalizeResult>>? finalize = null) : IEntityController<Widget>, IEntityFinalizer<Widget>
{
    private readonly ConcurrentDictionary<string, int> _passes = new(StringComparer.Ordinal);

    public int PassesOf(string name) => _passes.GetValueOrDefault(name);

    public Task<ReconcileResult> ReconcileAsync(Widget entity, CancellationToken cancellationToken)
    {
        _passes.AddOrUpdate(entity.Metadata.Name, 1, (_, n) => n + 1);
        return reconcile(entity);
    }

    public Task<FinalizeResult> FinalizeAsync(Widget entity, CancellationToken cancellationToken) =>
        finalize?.Invoke(entity) ?? Task.FromResult(FinalizeResult.Done);
}
