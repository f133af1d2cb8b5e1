using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace NeevCloud.Operator.Cloud;

internal static class CloudResiliencePipeline
{
    public const string Name = "neevcloud";

    /// <summary>
    /// Outer to inner: total timeout → retry → shared rate limiter → per-attempt timeout. The limiter sits inside
    /// the retry so every attempt pays for a token, and outside the attempt timeout so time spent queueing
    /// behind other controllers never counts as the API being slow (which would trigger more retries).
    /// </summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<NeevCloudOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();

        builder.AddTimeout(options.Timeouts.Total);
        if (options.Retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Retry.BaseDelay,
                MaxDelay = options.Retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(CloudRetryPolicy.ShouldRetry(
                    args.Context.GetRequestMessage(), args.Outcome, options.Retry.MaxRetryAfter, time)),
                DelayGenerator = args => ValueTask.FromResult(CloudRetryPolicy.DelayFor(args.Outcome, time)),
            });
        }

        builder
            .AddRateLimiter(services.GetRequiredKeyedService<RateLimiter>(NeevCloudHttpClientNames.RateLimiterKey))
            .AddTimeout(options.Timeouts.Attempt);
    }
}
