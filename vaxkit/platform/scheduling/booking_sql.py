"""The SQL of the booking hot path.

Booking is the busiest write of a national platform on the day a cohort opens, so its path is
two statements written out by hand rather than five ORM queries: one read of everything the
decision needs, then one statement that takes the seat with the conditional UPDATE, inserts the
appointment and its audit row. A data-modifying ``WITH`` runs as one statement, so the seat,
the appointment and the audit row are written together or not at all; the CHECK and unique
constraints still have the last word.
"""

from __future__ import annotations

# Everything the booking decision needs, in one round trip: the beneficiary (only if theirs),
# the session with its facility and vaccine, and the doses already given.
CONTEXT = """
SELECT b.id, b.reference_id, b.account_id, b.display_name, b.id_masked, b.birth_date,
       b.birth_year, b.qualifiers,
       s.id, s.session_id, s.date, s.min_age, s.max_age, s.slots, s.facility_id,
       f.name, f.address, f.postal_code, f.area_path, f.active,
       v.id, v.code, v.product_name,
       (SELECT coalesce(json_agg(json_build_array(dv.code, d.date, d.dose_number)
                                 ORDER BY d.dose_number), '[]'::json)
          FROM vaccination_dose d JOIN reference_vaccine dv ON dv.id = d.vaccine_id
         WHERE d.beneficiary_id = b.id)
  FROM registration_beneficiary b
  LEFT JOIN scheduling_session s ON s.session_id = %(session)s AND NOT s.cancelled
  LEFT JOIN scheduling_facility f ON f.id = s.facility_id
  LEFT JOIN reference_vaccine v ON v.id = s.vaccine_id
 WHERE b.reference_id = %(reference)s
"""

# Take a seat (the conditional UPDATE), record the appointment and audit it: one statement.
BOOK = """
WITH seat AS (
    UPDATE scheduling_sessioncapacity SET booked = booked + 1
     WHERE session_id = %(session)s AND dose_number IN (0, %(dose)s) AND booked < capacity
    RETURNING id
), booked AS (
    INSERT INTO scheduling_appointment
           (appointment_id, beneficiary_id, session_id, capacity_id, dose_number, slot, status,
            security_code, reschedules, created_at, updated_at)
    SELECT %(appointment)s, %(beneficiary)s, %(session)s, seat.id, %(dose)s, %(slot)s, 'booked',
           %(code)s, 0, %(now)s, %(now)s
      FROM seat
    RETURNING id, capacity_id
), logged AS (
    INSERT INTO audit_auditlog
           (at, actor_kind, actor_id, actor_label, action, purpose, object_type, object_id, ip,
            details)
    SELECT %(now)s, %(actor_kind)s, %(actor_id)s, %(actor_label)s, 'appointment.book',
           'booking', 'scheduling.appointment', booked.id::text, %(ip)s, %(details)s
      FROM booked
)
SELECT id, capacity_id FROM booked
"""

# Rescheduling: take a seat in the new session (the same conditional UPDATE) ...
TAKE_SEAT = """
UPDATE scheduling_sessioncapacity SET booked = booked + 1
 WHERE session_id = %s AND dose_number IN (%s, %s) AND booked < capacity
RETURNING id
"""

# ... and give one back (cancelling too); the CHECK constraint keeps it from going below zero.
FREE_SEAT = "UPDATE scheduling_sessioncapacity SET booked = booked - 1 WHERE id = %s"
