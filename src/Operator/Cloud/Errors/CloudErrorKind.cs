namespace NeevCloud.Operator.Cloud;

/// <summary>What a failed cloud call means for the caller; match on this, not on status codes.</summary>
public enum CloudErrorKind
{
    /// <summary>Anything the other kinds do not cover (an unexpected status or an unreadable body).</summary>
    Unexpected,

    /// <summary>404: the resource (or its organization/project) does not exist.</summary>
    NotFound,

    /// <summary>409: duplicate project name, root disk already attached, project or disk still in use.</summary>
    Conflict,

    /// <summary>400: the request or the resource's state does not allow the call; retrying the same call will not help.</summary>
    Validation,

    /// <summary>401, or no usable credentials (empty token file, failed login).</summary>
    Unauthorized,

    /// <summary>403: the credentials are valid but not allowed to do this.</summary>
    Forbidden,

    /// <summary>429 from the cloud, or the operator's own request queue is full; see <see cref="NeevCloudApiException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>5xx, a timeout or a network failure: the same call may succeed later.</summary>
    Transient,
}
