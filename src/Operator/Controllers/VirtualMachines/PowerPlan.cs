using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Runtime.Managed;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>Where a VM stands with its expiry.</summary>
public enum ExpiryStage
{
    None,

    /// <summary>Within Operator:Expiry:WarnBefore of spec.expiresAt.</summary>
    Warning,

    Expired,
}

/// <summary>
/// The power state a VM should have now, from spec.powerState, spec.powerSchedule and spec.expiresAt, and the
/// next instant that changes it. Computed on the operator's clock: nothing is asked of the cloud for it, and a pass
/// is due only at <see cref="Next"/>.
/// </summary>
public sealed record PowerPlan(PowerState Desired, string Why, DateTimeOffset? Next, string? NextTo, ExpiryStage Expiry, DateTimeOffset? ExpiresAt)
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static PowerPlan For(VirtualMachineSpec spec, DateTimeOffset now, TimeSpan warnBefore)
    {
        var expiresAt = ExpiryOf(spec);
        var expiry = expiresAt is not { } at ? ExpiryStage.None
            : now >= at ? ExpiryStage.Expired
            : now >= at - warnBefore ? ExpiryStage.Warning
            : ExpiryStage.None;
        DateTimeOffset? expiryChange = expiry == ExpiryStage.Expired ? null : expiresAt;
        // deletionProtection outranks an expiry that would delete: the VM is stopped instead, and kept.
        var deletes = spec.OnExpiry == ExpiryAction.Delete && !spec.DeletionProtection;
        var expiryTo = deletes ? "Deleted" : nameof(PowerState.Stopped);

        if (spec.PowerState == PowerState.Stopped)
        {
            return new(PowerState.Stopped, "spec.powerState is Stopped", deletes ? expiryChange : null, deletes ? expiryTo : null, expiry, expiresAt);
        }

        if (expiry == ExpiryStage.Expired)
        {
            var kept = spec.OnExpiry == ExpiryAction.Delete ? " and spec.deletionProtection keeps it: stopped instead of deleted" : "";
            return new(PowerState.Stopped, $"the VM expired at {ManagedAnnotations.Format(expiresAt!.Value)} (spec.expiresAt){kept}", null, null, expiry, expiresAt);
        }

        if (spec.PowerSchedule is not { } schedule)
        {
            return new(PowerState.Running, "spec.powerState is Running", expiryChange, expiryChange is null ? null : expiryTo, expiry, expiresAt);
        }

        var (running, boundary) = Evaluate(schedule, now);
        var desired = running ? PowerState.Running : PowerState.Stopped;
        var why = running ? "inside a window of spec.powerSchedule" : "outside every window of spec.powerSchedule";
        return expiryChange is { } e && (boundary is null || e <= boundary)
            ? new(desired, why, e, expiryTo, expiry, expiresAt)
            : new(desired, why, boundary, boundary is null ? null : (running ? nameof(PowerState.Stopped) : nameof(PowerState.Running)), expiry, expiresAt);
    }

    /// <summary>Whether the schedule's zone is one the operator knows (IANA names, from its own time zone database).</summary>
    public static bool IsKnownTimeZone(string timeZone) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is not null;

    /// <summary>Whether the schedule runs the VM at <paramref name="now"/>, and when that next changes (null: never).</summary>
    public static (bool Running, DateTimeOffset? Next) Evaluate(PowerSchedule schedule, DateTimeOffset now)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(schedule.TimeZone)
            ?? throw new ArgumentException($"unknown time zone {schedule.TimeZone}", nameof(schedule));
        var instant = Instant.FromDateTimeOffset(now);
        var today = instant.InZone(zone).Date;

        // Every window occurrence from yesterday (one may run past midnight into today) to a week and a day ahead,
        // merged where they touch or overlap, so a Friday-to-Monday run is one interval.
        var occurrences = new List<(Instant Start, Instant Stop)>();
        for (var date = today.PlusDays(-1); date <= today.PlusDays(8); date = date.PlusDays(1))
        {
            foreach (var window in schedule.Windows)
            {
                if (!window.Days.Contains(WeekdayOf(date.DayOfWeek)))
                {
                    continue;
                }

                var (start, stop) = (TimePattern.Parse(window.Start).Value, TimePattern.Parse(window.Stop).Value);
                var stopDate = stop > start ? date : date.PlusDays(1);
                occurrences.Add((ToInstant(zone, date + start), ToInstant(zone, stopDate + stop)));
            }
        }

        var merged = new List<(Instant Start, Instant Stop)>();
        foreach (var (start, stop) in occurrences.OrderBy(o => o.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].Stop)
            {
                merged[^1] = (merged[^1].Start, stop > merged[^1].Stop ? stop : merged[^1].Stop);
            }
            else
            {
                merged.Add((start, stop));
            }
        }

        foreach (var (start, stop) in merged)
        {
            if (instant < start)
            {
                return (false, start.ToDateTimeOffset());
            }

            if (instant < stop)
            {
                return (true, stop.ToDateTimeOffset());
            }
        }

        return (false, null);
    }

    public static DateTimeOffset? ExpiryOf(VirtualMachineSpec spec) => ManagedAnnotations.ParseTime(spec.ExpiresAt);

    /// <summary>
    /// A local time as an instant: a time skipped by a spring-forward change happens right after the gap (the clock
    /// jumps over it); a time that occurs twice in autumn counts at its first occurrence.
    /// </summary>
    private static Instant ToInstant(DateTimeZone zone, LocalDateTime local) =>
        zone.ResolveLocal(local, Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted)).ToInstant();

    private static Weekday WeekdayOf(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => Weekday.Mon,
        IsoDayOfWeek.Tuesday => Weekday.Tue,
        IsoDayOfWeek.Wednesday => Weekday.Wed,
        IsoDayOfWeek.Thursday => Weekday.Thu,
        IsoDayOfWeek.Friday => Weekday.Fri,
        IsoDayOfWeek.Saturday => Weekday.Sat,
        _ => Weekday.Sun,
    };
}
