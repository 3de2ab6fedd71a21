"""GOV.UK Notify's delivery receipts: a machine calls this, not a person (docs/council-it.md).

Notify posts one JSON body per notification whose status became final, with the bearer token the
council set in Notify's callback settings. Anything else is refused with 401; the same receipt twice is
recorded once. The answer is JSON, as Notify reads only its status code.
"""

import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from agencies.services.receipts import outbox_receipt_record
from core.notify import callback_authorised, receipt_from


@csrf_exempt  # a server-to-server call authenticated by its bearer token, not a browser's form
@require_POST
def delivery_receipt(request: HttpRequest) -> JsonResponse:
    if not callback_authorised(request.headers.get("Authorization", "")):
        return JsonResponse({"error": "not authorised"}, status=401)
    try:
        receipt = receipt_from(json.loads(request.body or b"null"))
    except ValueError:
        return JsonResponse({"error": "not a delivery receipt"}, status=400)
    message = outbox_receipt_record(receipt=receipt)
    return JsonResponse({"recorded": message is not None})
