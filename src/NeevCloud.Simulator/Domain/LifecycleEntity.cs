namespace NeevCloud.Simulator.Domain;

/// <summary>
/// A VM or volume: a status that moves on by itself at scheduled times of the simulated clock. At most one step is
/// planned at a time; planning or cancelling bumps <see cref="Generation"/>, which voids any step queued earlier.
/// </summary>
internal abstract class LifecycleEntity(Guid id, string status, DateTimeOffset createdAt, long sequence)
{
    public Guid Id { get; } = id;

    public string Status { get; set; } = status;

    public string? Message { get; set; }

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    /// <summary>Creation order: lists are sorted by it.</summary>
    public long Sequence { get; } = sequence;

    public int Generation { get; private set; }

    public string? NextStatus { get; private set; }

    public DateTimeOffset? NextAt { get; private set; }

    public bool IsRemoved { get; set; }

    public ScheduledStep Plan(string nextStatus, DateTimeOffset at)
    {
        Generation++;
        NextStatus = nextStatus;
        NextAt = at;
        return new ScheduledStep(this, Generation, at);
    }

    public void CancelPlan()
    {
        Generation++;
        NextStatus = null;
        NextAt = null;
    }

    /// <summary>Takes the planned status if <paramref name="step"/> is still the current plan.</summary>
    public bool TryTakePlanned(ScheduledStep step, out string nextStatus)
    {
        nextStatus = NextStatus ?? string.Empty;
        if (IsRemoved || step.Generation != Generation || NextStatus is null)
        {
            return false;
        }

        NextStatus = null;
        NextAt = null;
        return true;
    }
}
