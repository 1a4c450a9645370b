-- refuse: line 2
!! del C:\temp\export.csv
SELECT 1;
