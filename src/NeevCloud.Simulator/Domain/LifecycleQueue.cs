namespace NeevCloud.Simulator.Domain;

/// <summary>Planned steps in time order (ties in planning order), so that chained effects happen in sequence.</summary>
internal sealed class LifecycleQueue
{
    private readonly PriorityQueue<ScheduledStep, (DateTimeOffset At, long Order)> _steps = new();
    private long _order;

    public void Add(ScheduledStep step) => _steps.Enqueue(step, (step.At, _order++));

    public bool TryTakeDue(DateTimeOffset now, out ScheduledStep step)
    {
        if (_steps.TryPeek(out var next, out var priority) && priority.At <= now)
        {
            _steps.Dequeue();
            step = next;
            return true;
        }

        step = null!;
        return false;
    }

    public void Clear() => _steps.Clear();
}
