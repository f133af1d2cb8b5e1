using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using NeevCloud.Operator.Runtime;

namespace Operator.Tests.Runtime;

public sealed class WorkQueueTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_key_added_many_times_before_processing_is_handed_out_once()
    {
        using var queue = new WorkQueue(_time);
        for (var i = 0; i < 100; i++)
        {
            queue.Add("ns/vm-1");
        }

        queue.Add("ns/vm-2");

        Assert.Equal(2, queue.Depth);
        Assert.Equal("ns/vm-1", await queue.GetAsync(TestContext.Current.CancellationToken));
        Assert.Equal("ns/vm-2", await queue.GetAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_key_added_while_in_flight_is_handed_out_again_only_after_done()
    {
        using var queue = new WorkQueue(_time);
        queue.Add("ns/a");
        var key = await queue.GetAsync(TestContext.Current.CancellationToken);

        queue.Add("ns/a");
        queue.Add("ns/a");
        Assert.Equal(0, queue.Depth);

        queue.Done(key!);
        Assert.Equal(1, queue.Depth);
        Assert.Equal("ns/a", await queue.GetAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Urgent_keys_are_handed_out_before_ordinary_ones_each_in_the_order_added()
    {
        using var queue = new WorkQueue(_time);
        queue.Add("new-1");
        queue.Add("new-2");
        queue.AddUrgent("running-1");
        queue.Add("new-3");
        queue.AddUrgent("running-2");

        Assert.Equal(5, queue.Depth);
        Assert.Equal(["running-1", "running-2", "new-1", "new-2", "new-3"], await DrainAsync(queue));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_queued_key_made_urgent_moves_up_and_is_still_handed_out_once()
    {
        using var queue = new WorkQueue(_time);
        queue.Add("a");
        queue.Add("b");
        queue.Add("c");

        queue.AddUrgent("c");
        queue.AddUrgent("c");
        queue.Add("c");

        Assert.Equal(3, queue.Depth);
        Assert.Equal(["c", "a", "b"], await DrainAsync(queue));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_key_made_urgent_while_in_flight_goes_first_after_done()
    {
        using var queue = new WorkQueue(_time);
        queue.Add("a");
        var inFlight = await queue.GetAsync(TestContext.Current.CancellationToken);
        queue.Add("b");
        queue.AddUrgent("a");

        queue.Done(inFlight!);

        Assert.Equal(["a", "b"], await DrainAsync(queue));
    }

    [Fact]
    public async Task A_key_handed_out_through_its_urgent_entry_and_added_again_is_handed_out_once_more()
    {
        using var queue = new WorkQueue(_time);
        queue.Add("a");
        queue.Add("b");
        queue.AddUrgent("b");
        Assert.Equal("b", await queue.GetAsync(TestContext.Current.CancellationToken));
        queue.Done("b");
        queue.Add("b");

        // b's old ordinary entry stands before the new one: b comes once, not twice.
        Assert.Equal(["a", "b"], await DrainAsync(queue));
        Assert.Equal(0, queue.Depth);
    }

    private static async Task<List<string>> DrainAsync(WorkQueue queue)
    {
        var keys = new List<string>();
        while (queue.Depth > 0)
        {
            var key = await queue.GetAsync(TestContext.Current.CancellationToken);
            keys.Add(key!);
            queue.Done(key!);
        }

        return keys;
    }

    [Fact]
    public async Task Parallel_workers_never_process_the_same_key_at_once_and_see_every_last_add()
    {
        using var queue = new WorkQueue();
        var inFlight = new ConcurrentDictionary<string, bool>();
        var overlaps = 0;
        var lastAdd = new ConcurrentDictionary<string, int>();
        var lastSeen = new ConcurrentDictionary<string, int>();
        var version = 0;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (await queue.GetAsync(cts.Token) is { } key)
            {
                if (!inFlight.TryAdd(key, true))
                {
                    Interlocked.Increment(ref overlaps);
                }

                lastSeen[key] = Volatile.Read(ref version);
                await Task.Yield();
                inFlight.TryRemove(key, out bool _);
                queue.Done(key);
            }
        })).ToArray();

        for (var i = 0; i < 5000; i++)
        {
            var key = $"ns/vm-{i % 25}";
            lastAdd[key] = Interlocked.Increment(ref version);
            if (i % 3 == 0)
            {
                queue.AddUrgent(key);
            }
            else
            {
                queue.Add(key);
            }
        }

        await Eventually(() => lastAdd.All(kv => lastSeen.GetValueOrDefault(kv.Key) >= kv.Value));
        queue.ShutDown();
        await Task.WhenAll(workers);

        Assert.Equal(0, overlaps);
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_scheduled_key_becomes_available_when_its_time_comes()
    {
        using var queue = new WorkQueue(_time);
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, queue.Depth);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Depth);
        Assert.Equal("ns/a", await queue.GetAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_earliest_of_several_schedules_wins_and_the_key_is_handed_out_once()
    {
        using var queue = new WorkQueue(_time);
        queue.AddAfter("ns/a", TimeSpan.FromMinutes(5));
        queue.AddAfter("ns/a", TimeSpan.FromSeconds(2));
        queue.AddAfter("ns/a", TimeSpan.FromMinutes(1));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, queue.Depth);

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, queue.Depth);
    }

    [Fact]
    public void Failures_back_off_exponentially_per_key_and_forget_resets_them()
    {
        using var queue = new WorkQueue(_time, new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));

        var delays = Enumerable.Range(0, 8).Select(_ => queue.AddRateLimited("ns/a")).ToList();
        var other = queue.AddRateLimited("ns/b");

        for (var i = 1; i < delays.Count; i++)
        {
            Assert.True(delays[i] >= delays[i - 1] || delays[i] >= TimeSpan.FromSeconds(48), $"delay {i} shrank: {delays[i - 1]} -> {delays[i]}");
        }

        Assert.InRange(delays[^1], TimeSpan.FromSeconds(48), TimeSpan.FromMinutes(1));
        Assert.InRange(other, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
        Assert.Equal(8, queue.Failures("ns/a"));

        queue.Forget("ns/a");
        Assert.Equal(0, queue.Failures("ns/a"));
        Assert.InRange(queue.AddRateLimited("ns/a"), TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
    }

    [Fact]
    public void An_immediate_add_is_not_held_back_by_a_pending_back_off()
    {
        using var queue = new WorkQueue(_time);
        queue.AddRateLimited("ns/a");
        Assert.Equal(0, queue.Depth);

        // A user's change (a watch event) is processed at once; the failure count stays.
        queue.Add("ns/a");
        Assert.Equal(1, queue.Depth);
        Assert.Equal(1, queue.Failures("ns/a"));
    }

    [Fact]
    public async Task The_global_limit_holds_keys_back_once_its_burst_is_spent()
    {
        using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 2,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromHours(1),
            QueueLimit = 10,
        });
        using var queue = new WorkQueue(_time, limiter: limiter);
        foreach (var key in new[] { "ns/a", "ns/b", "ns/c" })
        {
            queue.Add(key);
        }

        Assert.Equal("ns/a", await queue.GetAsync(TestContext.Current.CancellationToken));
        Assert.Equal("ns/b", await queue.GetAsync(TestContext.Current.CancellationToken));
        var third = queue.GetAsync(TestContext.Current.CancellationToken).AsTask();

        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(third.IsCompleted);
    }

    [Fact]
    public async Task Shut_down_releases_waiting_workers()
    {
        using var queue = new WorkQueue(_time);
        var waiting = queue.GetAsync(TestContext.Current.CancellationToken).AsTask();

        queue.ShutDown();

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
