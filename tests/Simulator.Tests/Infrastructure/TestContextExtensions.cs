namespace NeevCloud.Simulator.Tests.Infrastructure;

internal static class Test
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;
}
