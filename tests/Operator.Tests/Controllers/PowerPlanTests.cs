using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Controllers.VirtualMachines;

namespace Operator.Tests.Controllers;

/// <summary>Which power state a schedule and an expiry ask for, and when that changes: pure, on given instants.</summary>
public sealed class PowerPlanTests
{
    private static readonly TimeSpan WarnBefore = TimeSpan.FromMinutes(30);

    private static PowerSchedule OfficeHoursBerlin => new()
    {
        TimeZone = "Europe/Berlin",
        Windows = [new PowerWindow { Days = [Weekday.Mon, Weekday.Tue, Weekday.Wed, Weekday.Thu, Weekday.Fri], Start = "09:00", Stop = "18:00" }],
    };

    // Berlin leaves CET (UTC+1) for CEST (UTC+2) on Sunday 2027-03-28: 09:00 local is 08:00Z before, 07:00Z after.
    public static TheoryData<string, bool, string?> OfficeHoursAcrossTheSpringChange => new()
    {
        { "2027-03-26T07:59:00Z", false, "2027-03-26T08:00:00Z" },
        { "2027-03-26T08:00:00Z", true, "2027-03-26T17:00:00Z" },
        { "2027-03-26T16:59:59Z", true, "2027-03-26T17:00:00Z" },
        { "2027-03-26T17:00:00Z", false, "2027-03-29T07:00:00Z" },
        { "2027-03-28T12:00:00Z", false, "2027-03-29T07:00:00Z" },
        { "2027-03-29T07:00:00Z", true, "2027-03-29T16:00:00Z" },
        { "2027-03-29T16:00:00Z", false, "2027-03-30T07:00:00Z" },
        // Autumn: CEST ends on Sunday 2027-10-31; Monday's 09:00 is 08:00Z again.
        { "2027-11-01T07:30:00Z", false, "2027-11-01T08:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(OfficeHoursAcrossTheSpringChange))]
    public void Office_hours_start_and_stop_at_local_times_across_daylight_saving_changes(string now, bool running, string? next)
    {
        var (isRunning, change) = PowerPlan.Evaluate(OfficeHoursBerlin, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(running, isRunning);
        Assert.Equal(next, change?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_window_across_midnight_runs_into_the_next_day_and_touching_windows_are_one_run()
    {
        var nights = new PowerSchedule
        {
            TimeZone = "Asia/Kolkata",
            Windows =
            [
                new PowerWindow { Days = [Weekday.Fri], Start = "22:00", Stop = "06:00" },
                new PowerWindow { Days = [Weekday.Sat], Start = "06:00", Stop = "10:00" },
            ],
        };

        // Saturday 2027-01-02 03:00 IST (UTC+5:30) is inside Friday's window, which runs on through Saturday's.
        var (running, next) = PowerPlan.Evaluate(nights, new DateTimeOffset(2027, 1, 1, 21, 30, 0, TimeSpan.Zero));

        Assert.True(running);
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 4, 30, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Stopped_always_wins_over_the_schedule()
    {
        var spec = new VirtualMachineSpec { PowerState = PowerState.Stopped, PowerSchedule = OfficeHoursBerlin };

        var plan = PowerPlan.For(spec, new DateTimeOffset(2027, 3, 26, 10, 0, 0, TimeSpan.Zero), WarnBefore);

        Assert.Equal((PowerState.Stopped, (DateTimeOffset?)null), (plan.Desired, plan.Next));
    }

    public static TheoryData<string, ExpiryAction, bool, ExpiryStage, PowerState, string?> Expiries => new()
    {
        { "2027-01-01T11:00:00Z", ExpiryAction.Stop, false, ExpiryStage.None, PowerState.Running, "Stopped" },
        { "2027-01-01T12:45:00Z", ExpiryAction.Stop, false, ExpiryStage.Warning, PowerState.Running, "Stopped" },
        { "2027-01-01T13:00:00Z", ExpiryAction.Stop, false, ExpiryStage.Expired, PowerState.Stopped, null },
        { "2027-01-01T12:45:00Z", ExpiryAction.Delete, false, ExpiryStage.Warning, PowerState.Running, "Deleted" },
        { "2027-01-01T12:45:00Z", ExpiryAction.Delete, true, ExpiryStage.Warning, PowerState.Running, "Stopped" },
        { "2027-01-01T13:00:01Z", ExpiryAction.Delete, true, ExpiryStage.Expired, PowerState.Stopped, null },
    };

    [Theory]
    [MemberData(nameof(Expiries))]
    public void An_expiry_warns_then_stops_and_a_protected_vm_is_stopped_rather_than_deleted(
        string now, ExpiryAction onExpiry, bool protectedVm, ExpiryStage stage, PowerState desired, string? nextTo)
    {
        var spec = new VirtualMachineSpec { ExpiresAt = "2027-01-01T13:00:00Z", OnExpiry = onExpiry, DeletionProtection = protectedVm };

        var plan = PowerPlan.For(spec, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), WarnBefore);

        Assert.Equal((stage, desired, nextTo), (plan.Expiry, plan.Desired, plan.NextTo));
    }
}
