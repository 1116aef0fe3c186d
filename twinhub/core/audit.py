from twinhub.core.models import AuditEntry


def audit_record(*, actor, action: str, obj, **data) -> AuditEntry:
    """Record a change. Call inside the transaction that makes the change."""
    return AuditEntry.objects.create(
        actor=actor if (actor is not None and actor.pk) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=data,
    )
