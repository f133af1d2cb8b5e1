namespace NeevCloud.Simulator.Domain;

/// <summary>A planned status change of <paramref name="Entity"/>, valid while its generation is unchanged.</summary>
internal sealed record ScheduledStep(LifecycleEntity Entity, int Generation, DateTimeOffset At);
