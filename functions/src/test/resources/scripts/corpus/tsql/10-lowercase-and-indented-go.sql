-- expect: 3
SELECT 1 AS one
go
  SELECT 2 AS two
    Go
SELECT 3 AS three
