// exceljs's Node build imported by path (lib/xlsx.ts says why) has the package's own types.
declare module "exceljs/excel.js" {
  import * as ExcelJS from "exceljs";
  export default ExcelJS;
}
