-- Reserved: 0012 belongs to a change made alongside the alerts (0013). Numbers must run without gaps, so this stands
-- in for it until both are together; drop this file when that one is in.
select 1;
