namespace NeevOperator.Bench;

/// <summary>
/// Waits for a condition by looking again every <c>interval</c>. Unlike the tests' Eventually (100 ms), the
/// interval is the caller's: the bench polls cheap in-memory state often and thousands of objects rarely.
/// </summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan interval, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"gave up after {timeout}: {what}");
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan interval, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(condition()), interval, timeout, what, cancellationToken);
}
