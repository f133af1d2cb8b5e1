using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Operator.Runtime;

namespace Operator.Tests.Runtime;

public sealed class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);

    public static TheoryData<Readiness, string, string, string> Verdicts => new()
    {
        { Readiness.IsReady("Running"), "True", "False", "False" },
        { Readiness.InProgress("Provisioning", "the VM is provisioning"), "False", "True", "False" },
        { Readiness.IsStalled("Failed", "image not found"), "False", "False", "True" },
        { Readiness.IsUnknown("UnknownStatus", "the cloud reports 'hibernating'"), "Unknown", "True", "False" },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Apply_sets_the_three_kstatus_conditions(Readiness readiness, string ready, string reconciling, string stalled)
    {
        var status = new TestStatus();

        Conditions.Apply(status, readiness, generation: 4, T0);

        Assert.Equal(
            [("Ready", ready), ("Reconciling", reconciling), ("Stalled", stalled)],
            status.Conditions.Select(c => (c.Type, c.Status)));
        Assert.All(status.Conditions, c => Assert.Equal(4, c.ObservedGeneration));
        Assert.Equal(4, status.ObservedGeneration);
        Assert.Equal(readiness.Reason, Conditions.Find(status.Conditions, "Ready")!.Reason);
    }

    [Fact]
    public void The_transition_time_moves_only_when_the_status_changes()
    {
        var status = new TestStatus();
        Conditions.Apply(status, Readiness.InProgress("Provisioning", "step 1"), 1, T0);

        Conditions.Apply(status, Readiness.InProgress("Starting", "step 2"), 1, T1);
        Assert.Equal(T0.UtcDateTime, Conditions.Find(status.Conditions, "Ready")!.LastTransitionTime);

        Conditions.Apply(status, Readiness.IsReady("Running"), 1, T1);
        Assert.Equal(T1.UtcDateTime, Conditions.Find(status.Conditions, "Ready")!.LastTransitionTime);
    }

    [Fact]
    public void Setting_an_identical_condition_reports_no_change()
    {
        var conditions = new List<V1Condition>();
        Assert.True(Conditions.Set(conditions, "Ready", "True", "Running", "", 2, T0));

        Assert.False(Conditions.Set(conditions, "Ready", "True", "Running", "", 2, T1));
        Assert.True(Conditions.Set(conditions, "Ready", "True", "Running", "", 3, T1));
        Assert.Single(conditions);
    }

    private sealed class TestStatus : IConditionedStatus
    {
        public IList<V1Condition> Conditions { get; set; } = [];

        public long? ObservedGeneration { get; set; }
    }
}
