namespace Integration.Tests.Infrastructure;

/// <summary>
/// Polls an assertion until it holds or a deadline passes; for state that converges through a
/// controller or a watch. The last failure is rethrown, so the test says what never became true.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static Task AssertAsync(Action assertion, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        AssertAsync(
            () =>
            {
                assertion();
                return Task.CompletedTask;
            },
            timeout,
            cancellationToken);

    public static async Task AssertAsync(Func<Task> assertion, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, cancellationToken);
            }
        }
    }
}
