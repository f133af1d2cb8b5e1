using Microsoft.Extensions.Options;

namespace NeevCloud.Operator.Cloud;

/// <summary>Checks <see cref="NeevCloudOptions"/> at start-up; every message names the setting to fix.</summary>
internal sealed class NeevCloudOptionsValidator : IValidateOptions<NeevCloudOptions>
{
    // Polly rejects timeouts outside this range when the pipeline is built, i.e. on the first call; say it up front.
    private static readonly TimeSpan _minTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan _maxTimeout = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, NeevCloudOptions options)
    {
        var errors = new List<string>();
        CheckUrl(errors, nameof(options.TenantUrl), options.TenantUrl);
        CheckUrl(errors, nameof(options.VmUrl), options.VmUrl);
        if (string.IsNullOrWhiteSpace(options.OrganizationId))
        {
            errors.Add("NeevCloud:OrganizationId is required: the organization used when a Project does not name one.");
        }

        CheckCredentials(errors, options);
        CheckRetry(errors, options.Retry);
        CheckTimeouts(errors, options.Timeouts);
        CheckRateLimit(errors, options.RateLimit);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(List<string> errors, string key, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"NeevCloud:{key} must be an absolute http(s) URL, got '{url}'.");
        }
    }

    private static void CheckCredentials(List<string> errors, NeevCloudOptions options)
    {
        var hasToken = !string.IsNullOrWhiteSpace(options.Token);
        var hasTokenFile = !string.IsNullOrWhiteSpace(options.TokenFile);
        var hasEmail = !string.IsNullOrWhiteSpace(options.Email);
        var hasPasswordFile = !string.IsNullOrWhiteSpace(options.PasswordFile);
        var sources = (hasToken ? 1 : 0) + (hasTokenFile ? 1 : 0) + (hasEmail || hasPasswordFile ? 1 : 0);

        if (sources == 0)
        {
            errors.Add("NeevCloud credentials are missing: set NeevCloud:TokenFile (a mounted Secret), NeevCloud:Token, "
                + "or NeevCloud:Email with NeevCloud:PasswordFile.");
            return;
        }

        if (sources > 1)
        {
            errors.Add("NeevCloud credentials are ambiguous: set only one of NeevCloud:TokenFile, NeevCloud:Token, "
                + "or NeevCloud:Email with NeevCloud:PasswordFile.");
            return;
        }

        if (hasEmail != hasPasswordFile)
        {
            errors.Add("NeevCloud:Email and NeevCloud:PasswordFile go together: set both to log in.");
        }

        CheckFileExists(errors, nameof(options.TokenFile), options.TokenFile);
        CheckFileExists(errors, nameof(options.PasswordFile), options.PasswordFile);
    }

    private static void CheckFileExists(List<string> errors, string key, string? path)
    {
        if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
        {
            errors.Add($"NeevCloud:{key} '{path}' does not exist (is the Secret mounted?).");
        }
    }

    private static void CheckRetry(List<string> errors, NeevCloudRetryOptions retry)
    {
        if (retry.MaxRetryAttempts is < 0 or > 10)
        {
            errors.Add($"NeevCloud:Retry:MaxRetryAttempts must be between 0 and 10, got {retry.MaxRetryAttempts}.");
        }

        if (retry.BaseDelay < TimeSpan.Zero || retry.BaseDelay > retry.MaxDelay)
        {
            errors.Add($"NeevCloud:Retry:BaseDelay must be between 0 and NeevCloud:Retry:MaxDelay ({retry.MaxDelay}), got {retry.BaseDelay}.");
        }

        if (retry.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add($"NeevCloud:Retry:MaxRetryAfter must not be negative, got {retry.MaxRetryAfter}.");
        }
    }

    private static void CheckTimeouts(List<string> errors, NeevCloudTimeoutOptions timeouts)
    {
        foreach (var (key, value) in new[] { ("Attempt", timeouts.Attempt), ("Total", timeouts.Total) })
        {
            if (value < _minTimeout || value > _maxTimeout)
            {
                errors.Add($"NeevCloud:Timeouts:{key} must be between {_minTimeout} and {_maxTimeout}, got {value}.");
            }
        }

        if (timeouts.Attempt > timeouts.Total)
        {
            errors.Add($"NeevCloud:Timeouts:Attempt ({timeouts.Attempt}) must not exceed NeevCloud:Timeouts:Total ({timeouts.Total}).");
        }
    }

    private static void CheckRateLimit(List<string> errors, NeevCloudRateLimitOptions rateLimit)
    {
        if (!(rateLimit.RequestsPerSecond > 0))
        {
            errors.Add($"NeevCloud:RateLimit:RequestsPerSecond must be positive, got {rateLimit.RequestsPerSecond}.");
        }

        if (rateLimit.Burst < 1)
        {
            errors.Add($"NeevCloud:RateLimit:Burst must be at least 1, got {rateLimit.Burst}.");
        }

        if (rateLimit.QueueLimit < 0)
        {
            errors.Add($"NeevCloud:RateLimit:QueueLimit must not be negative, got {rateLimit.QueueLimit}.");
        }
    }
}
